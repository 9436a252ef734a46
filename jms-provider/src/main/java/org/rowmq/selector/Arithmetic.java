package org.rowmq.selector;

/**
 * {@code left op right} for + - * /. Two exact operands give a Long, any approximate operand gives a Double; an
 * operand that is missing or not a number gives UNKNOWN (null).
 */
final class Arithmetic extends Expression {
    private final ArithmeticOperator operator;
    private final Expression left;
    private final Expression right;

    Arithmetic(ArithmeticOperator operator, Expression left, Expression right) {
        super(left, right);
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    Kind kind() {
        return Kind.NUMERIC;
    }

    @Override
    Object evaluate(SelectorContext message) {
        Object a = left.evaluate(message);
        if (!Values.isNumber(a)) {
            return null;
        }
        Object b = right.evaluate(message);
        if (!Values.isNumber(b)) {
            return null;
        }
        if (Values.isExact(a) && Values.isExact(b)) {
            return operator.apply(((Number) a).longValue(), ((Number) b).longValue());
        }
        return operator.apply(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
}
