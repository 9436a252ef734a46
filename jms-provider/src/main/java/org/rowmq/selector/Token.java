package org.rowmq.selector;

/**
 * One token: its kind, where it starts (0-based index into the selector), its text as written, and for identifiers
 * and string literals the name or the string's value.
 */
record Token(TokenKind kind, int position, String text, String value) {

    /** How error messages name this token. */
    String describe() {
        return switch (kind) {
            case END -> "the end of the selector";
            case IDENTIFIER -> "identifier " + text;
            case STRING -> "string " + text;
            case EXACT_NUMBER, APPROXIMATE_NUMBER -> "number " + text;
            default -> kind.isKeyword() ? "keyword " + text.toUpperCase(java.util.Locale.ROOT) : "'" + text + "'";
        };
    }
}
