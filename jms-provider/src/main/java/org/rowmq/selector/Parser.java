package org.rowmq.selector;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for the message selector grammar of Jakarta Messaging 3.1 section 3.8.1.1, with SQL's
 * precedence (lowest first): OR; AND; NOT; comparison, BETWEEN, IN, LIKE, IS NULL; + and -; * and /; unary + and -.
 * Besides syntax it rejects expressions whose literal types cannot meet (for example {@code TRUE > 5},
 * {@code 'a' + 1}, {@code prop > 'foo'}, {@code prop BETWEEN 'a' AND 'b'}); types that only a message can tell
 * (properties) are checked at evaluation and give UNKNOWN.
 *
 * <p>Recursion is bounded twice: parentheses, NOT and unary signs may nest at most {@value #MAX_NESTING} deep (the
 * parser's own stack), and the finished tree may be at most {@value #MAX_DEPTH} nodes deep (the evaluator's stack,
 * which long chains like {@code a+a+a+...} deepen without nesting).
 */
final class Parser {
    static final int MAX_NESTING = 100;
    static final int MAX_DEPTH = 500;

    /**
     * The header fields a selector may name, with their value kinds. Section 3.8.1.1 restricts header references to
     * these six; names beginning JMSX or JMS_ are property names. The other headers (JMSDestination, JMSReplyTo,
     * JMSExpiration, JMSRedelivered, JMSDeliveryTime) and any other JMS-prefixed name are rejected as invalid rather
     * than read as properties: no property may carry the reserved JMS prefix, so such a selector could never match,
     * and saying so at consumer creation beats a consumer that silently receives nothing. The TCK's selector tests
     * (core.selectorQueue, core.selectorTopic, and the selectors used in core20) name only JMSType among the
     * headers, and no test expects such a name to be accepted.
     */
    private static final Map<String, Kind> HEADERS = Map.of(
            "JMSDeliveryMode", Kind.STRING, "JMSPriority", Kind.NUMERIC, "JMSMessageID", Kind.STRING,
            "JMSTimestamp", Kind.NUMERIC, "JMSCorrelationID", Kind.STRING, "JMSType", Kind.STRING);

    private final List<Token> tokens;
    private int index;
    private int nesting;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Expression parse(String text) throws SelectorSyntaxException {
        Parser parser = new Parser(Lexer.tokenize(text));
        Token first = parser.peek();
        Expression condition = parser.orExpression();
        Token rest = parser.peek();
        if (rest.kind() == TokenKind.RIGHT_PARENTHESIS) {
            throw new SelectorSyntaxException(rest.position(), "')' without a matching '('");
        }
        if (rest.kind() != TokenKind.END) {
            throw new SelectorSyntaxException(rest.position(),
                    "expected AND, OR or the end of the selector but found " + rest.describe());
        }
        parser.requireCondition(condition, first);
        return condition;
    }

    private Expression orExpression() throws SelectorSyntaxException {
        Token start = peek();
        Expression first = andExpression();
        if (peek().kind() != TokenKind.OR) {
            return first;
        }
        requireCondition(first, start);
        List<Expression> operands = new ArrayList<>(List.of(first));
        while (accept(TokenKind.OR)) {
            Token operandStart = peek();
            operands.add(requireCondition(andExpression(), operandStart));
        }
        return bounded(new Or(operands), start);
    }

    private Expression andExpression() throws SelectorSyntaxException {
        Token start = peek();
        Expression first = notExpression();
        if (peek().kind() != TokenKind.AND) {
            return first;
        }
        requireCondition(first, start);
        List<Expression> operands = new ArrayList<>(List.of(first));
        while (accept(TokenKind.AND)) {
            Token operandStart = peek();
            operands.add(requireCondition(notExpression(), operandStart));
        }
        return bounded(new And(operands), start);
    }

    private Expression notExpression() throws SelectorSyntaxException {
        Token not = peek();
        if (!accept(TokenKind.NOT)) {
            return predicate();
        }
        enter(not);
        Token operandStart = peek();
        Expression operand = requireCondition(notExpression(), operandStart);
        nesting--;
        return bounded(new Not(operand), not);
    }

    private Expression predicate() throws SelectorSyntaxException {
        Token start = peek();
        Expression left = additive();
        Token operator = peek();
        switch (operator.kind()) {
            case EQUAL, NOT_EQUAL, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> {
                index++;
                Token rightStart = peek();
                Expression right = additive();
                return bounded(comparison(operator, left, start, right, rightStart), start);
            }
            case IS -> {
                index++;
                boolean negated = accept(TokenKind.NOT);
                expect(TokenKind.NULL, "NULL after IS" + (negated ? " NOT" : ""));
                return bounded(new IsNull(negated, left), start);
            }
            case NOT -> {
                index++;
                Token next = peek();
                return switch (next.kind()) {
                    case BETWEEN, IN, LIKE -> bounded(negatable(true, left, start), start);
                    default -> throw new SelectorSyntaxException(next.position(),
                            "expected BETWEEN, IN or LIKE after NOT but found " + next.describe());
                };
            }
            case BETWEEN, IN, LIKE -> {
                return bounded(negatable(false, left, start), start);
            }
            default -> {
                return left;
            }
        }
    }

    private Expression comparison(Token operator, Expression left, Token leftStart, Expression right, Token rightStart)
            throws SelectorSyntaxException {
        ComparisonOperator op = switch (operator.kind()) {
            case EQUAL -> ComparisonOperator.EQUAL;
            case NOT_EQUAL -> ComparisonOperator.NOT_EQUAL;
            case LESS -> ComparisonOperator.LESS;
            case LESS_OR_EQUAL -> ComparisonOperator.LESS_OR_EQUAL;
            case GREATER -> ComparisonOperator.GREATER;
            default -> ComparisonOperator.GREATER_OR_EQUAL;
        };
        if (op.isEquality()) {
            Kind l = left.kind();
            Kind r = right.kind();
            if (l != Kind.ANY && r != Kind.ANY && l != r) {
                throw new SelectorSyntaxException(operator.position(),
                        "cannot compare " + l.describe() + " with " + r.describe());
            }
        } else {
            String why = "operator " + op.symbol() + " compares numbers only";
            requireNumber(left, leftStart, why);
            requireNumber(right, rightStart, why);
        }
        return new Comparison(op, left, right);
    }

    /** BETWEEN, IN or LIKE, the current token being that keyword. */
    private Expression negatable(boolean negated, Expression left, Token leftStart) throws SelectorSyntaxException {
        Token keyword = next();
        switch (keyword.kind()) {
            case BETWEEN -> {
                String why = "BETWEEN compares numbers only";
                requireNumber(left, leftStart, why);
                Token lowStart = peek();
                Expression low = requireNumber(additive(), lowStart, why);
                expect(TokenKind.AND, "AND between the bounds of BETWEEN");
                Token highStart = peek();
                Expression high = requireNumber(additive(), highStart, why);
                return new Between(negated, left, low, high);
            }
            case IN -> {
                requireString(left, leftStart, "IN");
                expect(TokenKind.LEFT_PARENTHESIS, "'(' after IN");
                Set<String> members = new LinkedHashSet<>();
                do {
                    members.add(stringLiteral("string literals in the IN list").value());
                } while (accept(TokenKind.COMMA));
                expect(TokenKind.RIGHT_PARENTHESIS, "',' or ')' in the IN list");
                return new InList(negated, left, members);
            }
            default -> {
                requireString(left, leftStart, "LIKE");
                Token pattern = stringLiteral("a string literal pattern after LIKE");
                int escape = -1;
                if (accept(TokenKind.ESCAPE)) {
                    Token escapeToken = stringLiteral("a string literal after ESCAPE");
                    String e = escapeToken.value();
                    if (e.isEmpty() || e.codePointCount(0, e.length()) != 1) {
                        throw new SelectorSyntaxException(escapeToken.position(),
                                "ESCAPE takes exactly one character, not " + escapeToken.text());
                    }
                    escape = e.codePointAt(0);
                }
                return new Like(negated, left, LikePattern.compile(pattern.value(), escape, pattern.position()));
            }
        }
    }

    private Expression additive() throws SelectorSyntaxException {
        Token start = peek();
        Expression left = multiplicative();
        while (peek().kind() == TokenKind.PLUS || peek().kind() == TokenKind.MINUS) {
            Token operator = next();
            Token rightStart = peek();
            Expression right = multiplicative();
            left = arithmetic(operator.kind() == TokenKind.PLUS ? ArithmeticOperator.ADD : ArithmeticOperator.SUBTRACT,
                    operator, left, start, right, rightStart);
        }
        return left;
    }

    private Expression multiplicative() throws SelectorSyntaxException {
        Token start = peek();
        Expression left = unary();
        while (peek().kind() == TokenKind.STAR || peek().kind() == TokenKind.SLASH) {
            Token operator = next();
            Token rightStart = peek();
            Expression right = unary();
            left = arithmetic(operator.kind() == TokenKind.STAR ? ArithmeticOperator.MULTIPLY
                    : ArithmeticOperator.DIVIDE, operator, left, start, right, rightStart);
        }
        return left;
    }

    private Expression arithmetic(ArithmeticOperator op, Token operator, Expression left, Token leftStart,
            Expression right, Token rightStart) throws SelectorSyntaxException {
        String why = "'" + operator.text() + "' takes numbers only";
        requireNumber(left, leftStart, why);
        requireNumber(right, rightStart, why);
        return bounded(new Arithmetic(op, left, right), leftStart);
    }

    private Expression unary() throws SelectorSyntaxException {
        Token sign = peek();
        if (sign.kind() != TokenKind.PLUS && sign.kind() != TokenKind.MINUS) {
            return primary();
        }
        index++;
        boolean negate = sign.kind() == TokenKind.MINUS;
        Token operandStart = peek();
        if (operandStart.kind() == TokenKind.EXACT_NUMBER || operandStart.kind() == TokenKind.APPROXIMATE_NUMBER) {
            // Folded here rather than at run time, and the only way to write Long.MIN_VALUE.
            index++;
            return number(operandStart, negate);
        }
        enter(sign);
        Expression operand = requireNumber(unary(), operandStart, "unary '" + sign.text() + "' takes a number only");
        nesting--;
        return bounded(new UnaryArithmetic(negate, operand), sign);
    }

    private Expression primary() throws SelectorSyntaxException {
        Token token = next();
        return switch (token.kind()) {
            case IDENTIFIER -> identifier(token);
            case STRING -> new Literal(token.value());
            case EXACT_NUMBER, APPROXIMATE_NUMBER -> number(token, false);
            case TRUE -> new Literal(Boolean.TRUE);
            case FALSE -> new Literal(Boolean.FALSE);
            case LEFT_PARENTHESIS -> {
                enter(token);
                Expression inner = orExpression();
                Token close = peek();
                if (!accept(TokenKind.RIGHT_PARENTHESIS)) {
                    throw new SelectorSyntaxException(close.position(), "expected ')' to close the '(' at position "
                            + (token.position() + 1) + " but found " + close.describe());
                }
                nesting--;
                yield inner;
            }
            case NULL -> throw new SelectorSyntaxException(token.position(),
                    "NULL may only be used in IS NULL and IS NOT NULL");
            case END -> throw new SelectorSyntaxException(token.position(),
                    "expected an identifier, a literal or '(' but the selector ends");
            default -> throw new SelectorSyntaxException(token.position(), token.kind().isKeyword()
                    ? "reserved word " + token.describe().substring("keyword ".length())
                            + " cannot be used here; keywords are not identifiers"
                    : "expected an identifier, a literal or '(' but found " + token.describe());
        };
    }

    private static Expression identifier(Token token) throws SelectorSyntaxException {
        String name = token.value();
        Kind header = HEADERS.get(name);
        if (header != null) {
            return new Identifier(name, header);
        }
        if (name.startsWith("JMS") && !name.startsWith("JMSX") && !name.startsWith("JMS_")) {
            throw new SelectorSyntaxException(token.position(), name + " cannot be used in a selector; the header "
                    + "fields a selector may name are JMSDeliveryMode, JMSPriority, JMSMessageID, JMSTimestamp, "
                    + "JMSCorrelationID and JMSType, and other names beginning JMS are reserved");
        }
        return new Identifier(name, Kind.ANY);
    }

    /**
     * Java's literal forms: F-suffixed numbers are rounded to float first, so {@code 1.1F} equals a float property
     * set to 1.1f. Hexadecimal and octal literals cover the full 64 bits as in Java, decimal ones the long range.
     */
    private static Literal number(Token token, boolean negate) throws SelectorSyntaxException {
        String text = token.text();
        if (token.kind() == TokenKind.APPROXIMATE_NUMBER) {
            char suffix = text.charAt(text.length() - 1);
            double value = suffix == 'f' || suffix == 'F' ? Float.parseFloat(text) : Double.parseDouble(text);
            if (Double.isInfinite(value)) {
                throw new SelectorSyntaxException(token.position(), "number " + text + " is out of range");
            }
            return new Literal(negate ? -value : value);
        }
        String digits = text.endsWith("L") || text.endsWith("l") ? text.substring(0, text.length() - 1) : text;
        long value;
        try {
            if (digits.startsWith("0x") || digits.startsWith("0X")) {
                value = Long.parseUnsignedLong(digits.substring(2), 16);
            } else if (digits.length() > 1 && digits.charAt(0) == '0') {
                if (!digits.chars().allMatch(c -> c <= '7')) {
                    throw new SelectorSyntaxException(token.position(), "invalid octal number " + text);
                }
                value = Long.parseUnsignedLong(digits, 8);
            } else if (negate && digits.equals("9223372036854775808")) {
                return new Literal(Long.MIN_VALUE);
            } else {
                value = Long.parseLong(digits);
            }
        } catch (NumberFormatException e) {
            throw new SelectorSyntaxException(token.position(), "number " + text + " is out of range");
        }
        return new Literal(negate ? -value : value);
    }

    private Expression requireCondition(Expression expression, Token start) throws SelectorSyntaxException {
        if (!expression.kind().admits(Kind.BOOLEAN)) {
            throw new SelectorSyntaxException(start.position(),
                    "expected a condition but found " + expression.kind().describe());
        }
        return expression;
    }

    private static Expression requireNumber(Expression expression, Token start, String why)
            throws SelectorSyntaxException {
        if (!expression.kind().admits(Kind.NUMERIC)) {
            throw new SelectorSyntaxException(start.position(), why + ", not " + expression.kind().describe());
        }
        return expression;
    }

    private static void requireString(Expression expression, Token start, String operator)
            throws SelectorSyntaxException {
        if (!expression.kind().admits(Kind.STRING)) {
            throw new SelectorSyntaxException(start.position(),
                    operator + " applies to strings only, not " + expression.kind().describe());
        }
    }

    private Token stringLiteral(String expected) throws SelectorSyntaxException {
        Token token = next();
        if (token.kind() != TokenKind.STRING) {
            throw new SelectorSyntaxException(token.position(), "expected " + expected + " but found "
                    + token.describe());
        }
        return token;
    }

    private void enter(Token token) throws SelectorSyntaxException {
        if (++nesting > MAX_NESTING) {
            throw new SelectorSyntaxException(token.position(),
                    "selector nests parentheses, NOT and signs more than " + MAX_NESTING + " levels deep");
        }
    }

    private static Expression bounded(Expression expression, Token start) throws SelectorSyntaxException {
        if (expression.depth() > MAX_DEPTH) {
            throw new SelectorSyntaxException(start.position(),
                    "selector expression is more than " + MAX_DEPTH + " operators deep");
        }
        return expression;
    }

    private void expect(TokenKind kind, String expected) throws SelectorSyntaxException {
        Token token = peek();
        if (!accept(kind)) {
            throw new SelectorSyntaxException(token.position(), "expected " + expected + " but found "
                    + token.describe());
        }
    }

    private boolean accept(TokenKind kind) {
        if (peek().kind() == kind) {
            index++;
            return true;
        }
        return false;
    }

    private Token peek() {
        return tokens.get(index);
    }

    /** The current token, moving past it unless it is the end (which stays current for every later look). */
    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != TokenKind.END) {
            index++;
        }
        return token;
    }
}
