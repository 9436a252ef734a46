package org.rowmq.selector;

import java.util.Set;

/** {@code value [NOT] IN ('a', 'b', ...)}: UNKNOWN when the value is missing or not a string. */
final class InList extends Expression {
    private final boolean negated;
    private final Expression value;
    private final Set<String> members;

    InList(boolean negated, Expression value, Set<String> members) {
        super(value);
        this.negated = negated;
        this.value = value;
        this.members = Set.copyOf(members);
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
        return members.contains(s) != negated;
    }
}
