package org.rowmq.message;

import jakarta.jms.MessageFormatException;

/**
 * The conversion table shared by properties (section 3.5.4), MapMessage (3.11.2) and StreamMessage (3.11.3): a value
 * written as a row's type may be read as the types marked in that row. A String converts to a number or boolean
 * through the wrapper's valueOf (NumberFormatException when it is not one); a null value behaves as valueOf(null):
 * false for boolean, NumberFormatException for integral types, NullPointerException for float, double and char.
 */
final class TypeConversions {
    private TypeConversions() {
    }

    static boolean toBoolean(Object v) throws MessageFormatException {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v == null || v instanceof String) {
            return Boolean.parseBoolean((String) v);
        }
        throw notConvertible(v, "boolean");
    }

    static byte toByte(Object v) throws MessageFormatException {
        if (v instanceof Byte b) {
            return b;
        }
        if (v == null || v instanceof String) {
            return Byte.parseByte((String) v);
        }
        throw notConvertible(v, "byte");
    }

    static short toShort(Object v) throws MessageFormatException {
        if (v instanceof Short s) {
            return s;
        }
        if (v instanceof Byte b) {
            return b;
        }
        if (v == null || v instanceof String) {
            return Short.parseShort((String) v);
        }
        throw notConvertible(v, "short");
    }

    static char toChar(Object v) throws MessageFormatException {
        if (v instanceof Character c) {
            return c;
        }
        if (v == null) {
            throw new NullPointerException("The value is null and cannot be read as a char");
        }
        throw notConvertible(v, "char");
    }

    static int toInt(Object v) throws MessageFormatException {
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Short s) {
            return s;
        }
        if (v instanceof Byte b) {
            return b;
        }
        if (v == null || v instanceof String) {
            return Integer.parseInt((String) v);
        }
        throw notConvertible(v, "int");
    }

    static long toLong(Object v) throws MessageFormatException {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Short s) {
            return s;
        }
        if (v instanceof Byte b) {
            return b;
        }
        if (v == null || v instanceof String) {
            return Long.parseLong((String) v);
        }
        throw notConvertible(v, "long");
    }

    static float toFloat(Object v) throws MessageFormatException {
        if (v instanceof Float f) {
            return f;
        }
        if (v == null || v instanceof String) {
            return Float.parseFloat((String) v);
        }
        throw notConvertible(v, "float");
    }

    static double toDouble(Object v) throws MessageFormatException {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Float f) {
            return f;
        }
        if (v == null || v instanceof String) {
            return Double.parseDouble((String) v);
        }
        throw notConvertible(v, "double");
    }

    /** Every type but byte[] converts to String; null stays null. */
    static String toText(Object v) throws MessageFormatException {
        if (v instanceof byte[]) {
            throw notConvertible(v, "String");
        }
        return v == null ? null : v.toString();
    }

    /** Only byte[] reads as byte[] (a copy); null stays null. */
    static byte[] toBytes(Object v) throws MessageFormatException {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[] bytes) {
            return bytes.clone();
        }
        throw notConvertible(v, "byte[]");
    }

    /** A byte[] value handed out as an Object is copied, so the caller cannot change the message. */
    static Object copyOut(Object v) {
        return v instanceof byte[] bytes ? bytes.clone() : v;
    }

    private static MessageFormatException notConvertible(Object v, String target) {
        String type = v instanceof byte[] ? "byte[]" : v.getClass().getSimpleName();
        return new MessageFormatException("A " + type + " value cannot be read as " + target
                + " (Jakarta Messaging conversion table)");
    }
}
