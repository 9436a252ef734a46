package org.rowmq.selector;

/**
 * Unary minus or plus applied to something that is not a literal (the parser folds signed literals). Unary plus
 * still checks that its operand is a number, as Java's would: {@code +prop = 'x'} is UNKNOWN for a string prop.
 */
final class UnaryArithmetic extends Expression {
    private final boolean negate;
    private final Expression operand;

    UnaryArithmetic(boolean negate, Expression operand) {
        super(operand);
        this.negate = negate;
        this.operand = operand;
    }

    @Override
    Kind kind() {
        return Kind.NUMERIC;
    }

    @Override
    Object evaluate(SelectorContext message) {
        Object value = operand.evaluate(message);
        if (Values.isExact(value)) {
            long v = ((Number) value).longValue();
            return negate ? -v : v;
        }
        if (Values.isApproximate(value)) {
            double v = ((Number) value).doubleValue();
            return negate ? -v : v;
        }
        return null;
    }
}
