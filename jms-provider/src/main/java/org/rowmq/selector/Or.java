package org.rowmq.selector;

import java.util.List;

/**
 * OR over any number of operands (a chain {@code a OR b OR c} is one node, which keeps long selectors shallow).
 * TRUE if any operand is TRUE, else UNKNOWN if any is UNKNOWN or not a boolean, else FALSE.
 */
final class Or extends Expression {
    private final Expression[] operands;

    Or(List<Expression> operands) {
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
            if (Boolean.TRUE.equals(value)) {
                return Boolean.TRUE;
            }
            unknown |= !Boolean.FALSE.equals(value);
        }
        return unknown ? null : Boolean.FALSE;
    }
}
