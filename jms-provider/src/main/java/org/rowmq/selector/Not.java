package org.rowmq.selector;

/** NOT with three-valued logic: NOT UNKNOWN is UNKNOWN; an operand that is not a boolean counts as UNKNOWN. */
final class Not extends Expression {
    private final Expression operand;

    Not(Expression operand) {
        super(operand);
        this.operand = operand;
    }

    @Override
    Kind kind() {
        return Kind.BOOLEAN;
    }

    @Override
    Object evaluate(SelectorContext message) {
        return operand.evaluate(message) instanceof Boolean b ? !b : null;
    }
}
