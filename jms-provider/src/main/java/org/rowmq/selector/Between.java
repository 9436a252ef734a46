package org.rowmq.selector;

/**
 * {@code value [NOT] BETWEEN low AND high}, which the specification defines as {@code low <= value AND value <= high}
 * (and NOT BETWEEN as its negation), with the three-valued AND; the value is evaluated once.
 */
final class Between extends Expression {
    private final boolean negated;
    private final Expression value;
    private final Expression low;
    private final Expression high;

    Between(boolean negated, Expression value, Expression low, Expression high) {
        super(value, low, high);
        this.negated = negated;
        this.value = value;
        this.low = low;
        this.high = high;
    }

    @Override
    Kind kind() {
        return Kind.BOOLEAN;
    }

    @Override
    Object evaluate(SelectorContext message) {
        Object v = value.evaluate(message);
        if (!Values.isNumber(v)) {
            return null;
        }
        Boolean aboveLow = bound(low.evaluate(message), v, ComparisonOperator.LESS_OR_EQUAL);
        if (Boolean.FALSE.equals(aboveLow)) {
            return negated;
        }
        Boolean belowHigh = bound(v, high.evaluate(message), ComparisonOperator.LESS_OR_EQUAL);
        if (Boolean.FALSE.equals(belowHigh)) {
            return negated;
        }
        if (aboveLow == null || belowHigh == null) {
            return null;
        }
        return !negated;
    }

    private static Boolean bound(Object a, Object b, ComparisonOperator operator) {
        return Values.isNumber(a) && Values.isNumber(b) ? Values.compareNumbers(a, b, operator) : null;
    }
}
