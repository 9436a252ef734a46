package org.rowmq.selector;

/**
 * What the parser knows about an expression's value before any message is seen. Literals, operators and the typed
 * headers have a known kind; a property can hold anything, so its kind is {@link #ANY} and its real type is checked
 * per message. Two known kinds that cannot meet in an operator make the selector invalid at parse time.
 */
enum Kind {
    BOOLEAN, NUMERIC, STRING, ANY;

    boolean admits(Kind wanted) {
        return this == ANY || this == wanted;
    }

    String describe() {
        return switch (this) {
            case BOOLEAN -> "a boolean";
            case NUMERIC -> "a number";
            case STRING -> "a string";
            case ANY -> "a value";
        };
    }
}
