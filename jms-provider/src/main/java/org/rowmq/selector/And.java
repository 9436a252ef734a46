package org.rowmq.selector;

import java.util.List;

/**
 * AND over any number of operands (a chain {@code a AND b AND c} is one node, which keeps long selectors shallow).
 * FALSE if any operand is FALSE, else UNKNOWN if any is UNKNOWN or not a boolean, else TRUE.
 */
final class And extends Expression {
    private final Expression[] operands;

    And(List<Expression> operands) {
        super(operands.toArray(Expression[]::new));
        this.operands = operands.toArray(Expression[]::new);
    }

    @Override
    Kind kind() {
        return Kind.BOOLEAN;
    }

    @Override
    Object evaluate(SelectorContext message) {
        boolean unknown = false;
        for (Expression operand : operands) {
            Object value = operand.evaluate(message);
            if (Boolean.FALSE.equals(value)) {
                return Boolean.FALSE;
            }
            unknown |= !Boolean.TRUE.equals(value);
        }
        return unknown ? null : Boolean.TRUE;
    }
}
