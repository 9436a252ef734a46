package org.rowmq.selector;

/** The lexical classes of the selector language. */
enum TokenKind {
    IDENTIFIER, STRING, EXACT_NUMBER, APPROXIMATE_NUMBER,
    // Keywords; case-insensitive and reserved, so never identifiers.
    NULL, TRUE, FALSE, NOT, AND, OR, BETWEEN, LIKE, IN, IS, ESCAPE,
    EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL,
    PLUS, MINUS, STAR, SLASH, LEFT_PARENTHESIS, RIGHT_PARENTHESIS, COMMA,
    END;

    boolean isKeyword() {
        return compareTo(NULL) >= 0 && compareTo(ESCAPE) <= 0;
    }
}
