package org.rowmq.selector;

/** A string, exact numeric (Long), approximate numeric (Double) or boolean literal. */
final class Literal extends Expression {
    private final Object value;
    private final Kind kind;

    Literal(Object value) {
        this.value = value;
        this.kind = value instanceof String ? Kind.STRING : value instanceof Boolean ? Kind.BOOLEAN : Kind.NUMERIC;
    }

    Object value() {
        return value;
    }

    @Override
    Kind kind() {
        return kind;
    }

    @Override
    Object evaluate(SelectorContext message) {
        return value;
    }
}
