package org.rowmq.message;

import java.util.Locale;
import java.util.Set;

/**
 * Property names must be usable in a message selector (section 3.5.1): a Java identifier that is not one of the
 * selector's reserved words. The length limit (249 characters) is RowMQ's own: the spec sets none, and a limit keeps
 * a runaway name from bloating every stored message.
 */
final class PropertyNames {
    static final int MAX_LENGTH = 249;
    /**
     * The JMSX properties the specification defines (section 3.5.9). The rest of the JMSX prefix is reserved for it,
     * so another name there is refused as invalid, like a null one (the setters' IllegalArgumentException).
     */
    private static final Set<String> JMSX_DEFINED = Set.of("JMSXUserID", "JMSXAppID", "JMSXDeliveryCount",
            "JMSXGroupID", "JMSXGroupSeq", "JMSXProducerTXID", "JMSXConsumerTXID", "JMSXRcvTimestamp", "JMSXState");
    private static final Set<String> RESERVED = Set.of(
            "NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

    private PropertyNames() {
    }

    static void validate(String name) {
        if (name == null) {
            throw new IllegalArgumentException("A property name must not be null");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("A property name must not be empty");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("Property name of " + name.length()
                    + " characters is too long: at most " + MAX_LENGTH + " characters are allowed");
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            throw new IllegalArgumentException("Property name '" + name
                    + "' is not a selector identifier: it must start with a Java identifier start character");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                throw new IllegalArgumentException("Property name '" + name + "' is not a selector identifier: '"
                        + name.charAt(i) + "' at index " + i + " is not a Java identifier character");
            }
        }
        if (RESERVED.contains(name.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Property name '" + name
                    + "' is a reserved word of the selector syntax (NULL, TRUE, FALSE, NOT, AND, OR, BETWEEN, LIKE,"
                    + " IN, IS, ESCAPE)");
        }
        if (name.startsWith("JMSX") && !JMSX_DEFINED.contains(name)) {
            throw new IllegalArgumentException("Property name '" + name + "' is in the JMSX range, which the JMS "
                    + "specification reserves for its defined properties " + JMSX_DEFINED.stream().sorted().toList()
                    + "; choose a name without the JMSX prefix");
        }
    }
}
