package org.rowmq.selector;

/**
 * {@code left op right}. Numbers compare with numbers of either kind; strings and booleans compare only with their
 * own kind and only for (in)equality. Anything else, or a missing operand, is UNKNOWN.
 */
final class Comparison extends Expression {
    private final ComparisonOperator operator;
    private final Expression left;
    private final Expression right;

    Comparison(ComparisonOperator operator, Expression left, Expression right) {
        super(left, right);
        this.operator = operator;
        this.left = left;
        this.right = right;
    }

    @Override
    Kind kind() {
        return Kind.BOOLEAN;
    }

    @Override
    Object evaluate(SelectorContext message) {
        Object a = left.evaluate(message);
        if (a == null) {
            return null;
        }
        Object b = right.evaluate(message);
        if (b == null) {
            return null;
        }
        return compare(a, b, operator);
    }

    /** The three-valued result of {@code a op b} for two non-null values. */
    static Boolean compare(Object a, Object b, ComparisonOperator operator) {
        if (Values.isNumber(a)) {
            return Values.isNumber(b) ? Values.compareNumbers(a, b, operator) : null;
        }
        boolean sameKind = a instanceof String && b instanceof String || a instanceof Boolean && b instanceof Boolean;
        if (!sameKind || !operator.isEquality()) {
            return null;
        }
        return a.equals(b) == (operator == ComparisonOperator.EQUAL);
    }
}
