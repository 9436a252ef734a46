package org.rowmq.selector;

/** {@code value [NOT] LIKE 'pattern' [ESCAPE 'c']}: UNKNOWN when the value is missing or not a string. */
final class Like extends Expression {
    private final boolean negated;
    private final Expression value;
    private final LikePattern pattern;

    Like(boolean negated, Expression value, LikePattern pattern) {
        super(value);
        this.negated = negated;
        this.value = value;
        this.pattern = pattern;
    }

    @Override
    Kind kind() {
        return Kind.BOOLEAN;
    }

    @Override
    Object evaluate(SelectorContext message) {
        Object v = value.evaluate(message);
        if (!(v instanceof String s)) {
            return null;
        }
        return pattern.matches(s) != negated;
    }
}
