package org.rowmq.message;

import jakarta.jms.MessageFormatException;

/** The encoding of one typed value (property, map entry, stream field): a tag byte, then the value. */
final class TypedValues {
    private static final int NULL = 0;
    private static final int FALSE = 1;
    private static final int TRUE = 2;
    private static final int BYTE = 3;
    private static final int SHORT = 4;
    private static final int CHAR = 5;
    private static final int INT = 6;
    private static final int LONG = 7;
    private static final int FLOAT = 8;
    private static final int DOUBLE = 9;
    private static final int STRING = 10;
    private static final int BYTES = 11;

    private TypedValues() {
    }

    static void write(WireOutput out, Object value) {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String s) {
            out.writeByte(STRING);
            out.writeString(s);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeSignedVarLong(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeSignedVarLong(l);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Byte b) {
            out.writeByte(BYTE);
            out.writeByte(b);
        } else if (value instanceof Short s) {
            out.writeByte(SHORT);
            out.writeSignedVarLong(s);
        } else if (value instanceof Character c) {
            out.writeByte(CHAR);
            out.writeVarLong(c);
        } else if (value instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeFixed32(Float.floatToRawIntBits(f));
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeFixed64(Double.doubleToRawLongBits(d));
        } else if (value instanceof byte[] bytes) {
            out.writeByte(BYTES);
            out.writeBytes(bytes);
        } else {
            // The setters admit only the types above; reaching this is a bug in the message layer.
            throw new IllegalStateException("Unsupported value type " + value.getClass().getName());
        }
    }

    /** @param allowCharAndBytes false for properties, which have neither */
    static Object read(WireInput in, boolean allowCharAndBytes) throws MessageFormatException {
        int tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case FALSE:
                return Boolean.FALSE;
            case TRUE:
                return Boolean.TRUE;
            case BYTE:
                return (byte) in.readByte();
            case SHORT:
                return (short) checkedRange(in, in.readSignedVarLong(), Short.MIN_VALUE, Short.MAX_VALUE);
            case INT:
                return (int) checkedRange(in, in.readSignedVarLong(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG:
                return in.readSignedVarLong();
            case FLOAT:
                return Float.intBitsToFloat(in.readFixed32());
            case DOUBLE:
                return Double.longBitsToDouble(in.readFixed64());
            case STRING:
                return in.readString();
            case CHAR:
                if (allowCharAndBytes) {
                    return (char) checkedRange(in, in.readVarLong(), Character.MIN_VALUE, Character.MAX_VALUE);
                }
                break;
            case BYTES:
                if (allowCharAndBytes) {
                    return in.readBytes();
                }
                break;
            default:
                break;
        }
        throw in.corrupt("unknown value tag " + tag);
    }

    private static long checkedRange(WireInput in, long value, long min, long max) throws MessageFormatException {
        if (value < min || value > max) {
            throw in.corrupt("value " + value + " out of range");
        }
        return value;
    }
}
