package org.rowmq.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits selector text into tokens. White space is Java's (space, tab, form feed, line terminators); identifiers use
 * Java's identifier characters; numeric literals keep their text and are validated here and converted by the parser,
 * which alone knows whether a unary minus precedes them (needed for -9223372036854775808).
 */
final class Lexer {
    private static final Map<String, TokenKind> KEYWORDS = Map.ofEntries(
            Map.entry("NULL", TokenKind.NULL), Map.entry("TRUE", TokenKind.TRUE), Map.entry("FALSE", TokenKind.FALSE),
            Map.entry("NOT", TokenKind.NOT), Map.entry("AND", TokenKind.AND), Map.entry("OR", TokenKind.OR),
            Map.entry("BETWEEN", TokenKind.BETWEEN), Map.entry("LIKE", TokenKind.LIKE), Map.entry("IN", TokenKind.IN),
            Map.entry("IS", TokenKind.IS), Map.entry("ESCAPE", TokenKind.ESCAPE));

    private final String text;
    private int position;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) throws SelectorSyntaxException {
        Lexer lexer = new Lexer(text);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != TokenKind.END);
        return tokens;
    }

    private Token next() throws SelectorSyntaxException {
        skipWhiteSpace();
        int start = position;
        if (position >= text.length()) {
            return new Token(TokenKind.END, start, "", null);
        }
        int c = text.codePointAt(position);
        if (Character.isJavaIdentifierStart(c)) {
            return identifierOrKeyword(start);
        }
        if (isDigit(c) || c == '.' && position + 1 < text.length() && isDigit(text.charAt(position + 1))) {
            return number(start);
        }
        if (c == '\'') {
            return string(start);
        }
        position++;
        return switch (c) {
            case '=' -> operator(TokenKind.EQUAL, start);
            case '<' -> next('=') ? operator(TokenKind.LESS_OR_EQUAL, start)
                    : next('>') ? operator(TokenKind.NOT_EQUAL, start) : operator(TokenKind.LESS, start);
            case '>' -> next('=') ? operator(TokenKind.GREATER_OR_EQUAL, start) : operator(TokenKind.GREATER, start);
            case '+' -> operator(TokenKind.PLUS, start);
            case '-' -> operator(TokenKind.MINUS, start);
            case '*' -> operator(TokenKind.STAR, start);
            case '/' -> operator(TokenKind.SLASH, start);
            case '(' -> operator(TokenKind.LEFT_PARENTHESIS, start);
            case ')' -> operator(TokenKind.RIGHT_PARENTHESIS, start);
            case ',' -> operator(TokenKind.COMMA, start);
            case '!' -> throw new SelectorSyntaxException(start, next('=')
                    ? "'!=' is not a selector operator, inequality is written <>" : "unexpected character '!'");
            case '"' -> throw new SelectorSyntaxException(start,
                    "string literals are enclosed in single quotes, not double quotes");
            default -> throw new SelectorSyntaxException(start, "unexpected character " + describe(c));
        };
    }

    private static String describe(int c) {
        return Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)
                ? String.format("U+%04X", c) : "'" + new String(Character.toChars(c)) + "'";
    }

    private void skipWhiteSpace() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\f' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private boolean next(char expected) {
        if (position < text.length() && text.charAt(position) == expected) {
            position++;
            return true;
        }
        return false;
    }

    private Token operator(TokenKind kind, int start) {
        return new Token(kind, start, text.substring(start, position), null);
    }

    private Token identifierOrKeyword(int start) {
        position += Character.charCount(text.codePointAt(position));
        while (position < text.length() && Character.isJavaIdentifierPart(text.codePointAt(position))) {
            position += Character.charCount(text.codePointAt(position));
        }
        String word = text.substring(start, position);
        TokenKind keyword = KEYWORDS.get(word.toUpperCase(Locale.ROOT));
        return keyword != null ? new Token(keyword, start, word, null) : new Token(TokenKind.IDENTIFIER, start, word, word);
    }

    private Token string(int start) throws SelectorSyntaxException {
        StringBuilder value = new StringBuilder();
        position++;
        while (true) {
            int quote = text.indexOf('\'', position);
            if (quote < 0) {
                throw new SelectorSyntaxException(start, "unterminated string literal");
            }
            value.append(text, position, quote);
            position = quote + 1;
            if (!next('\'')) {
                return new Token(TokenKind.STRING, start, text.substring(start, position), value.toString());
            }
            value.append('\'');
        }
    }

    /**
     * Java's literal forms that selectors use: decimal, octal (leading 0) and hexadecimal (0x) exact numbers with an
     * optional L, and decimal floating-point numbers with optional fraction, exponent and F or D suffix.
     */
    private Token number(int start) throws SelectorSyntaxException {
        TokenKind kind;
        if (text.startsWith("0x", start) || text.startsWith("0X", start)) {
            position += 2;
            int digits = position;
            while (position < text.length() && Character.digit(text.charAt(position), 16) >= 0) {
                position++;
            }
            if (position == digits) {
                throw new SelectorSyntaxException(start, "hexadecimal literal without digits");
            }
            next('L', 'l');
            kind = TokenKind.EXACT_NUMBER;
        } else {
            skipDigits();
            boolean approximate = false;
            if (next('.')) {
                approximate = true;
                skipDigits();
            }
            if (next('e', 'E')) {
                approximate = true;
                next('+', '-');
                int digits = position;
                skipDigits();
                if (position == digits) {
                    throw new SelectorSyntaxException(start, "exponent without digits in number "
                            + text.substring(start, position));
                }
            }
            if (next('f', 'F', 'd', 'D')) {
                approximate = true;
            } else if (!approximate) {
                next('L', 'l');
            }
            kind = approximate ? TokenKind.APPROXIMATE_NUMBER : TokenKind.EXACT_NUMBER;
        }
        if (position < text.length() && (Character.isJavaIdentifierPart(text.codePointAt(position))
                || text.charAt(position) == '.')) {
            throw new SelectorSyntaxException(start, "malformed number "
                    + text.substring(start, Math.min(text.length(), position + 1)));
        }
        return new Token(kind, start, text.substring(start, position), null);
    }

    private void skipDigits() {
        while (position < text.length() && isDigit(text.charAt(position))) {
            position++;
        }
    }

    private boolean next(char... expected) {
        if (position < text.length()) {
            char c = text.charAt(position);
            for (char e : expected) {
                if (c == e) {
                    position++;
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
