package org.rowmq.selector;

/** {@code value IS [NOT] NULL}: never UNKNOWN. A header that is unset or a property that is absent is NULL. */
final class IsNull extends Expression {
    private final boolean negated;
    private final Expression value;

    IsNull(boolean negated, Expression value) {
        super(value);
        this.negated = negated;
        this.value = value;
    }

    @Override
    Kind kind() {
        return Kind.BOOLEAN;
    }

    @Override
    Object evaluate(SelectorContext message) {
        return (value.evaluate(message) == null) != negated;
    }
}
