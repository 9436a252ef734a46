package org.rowmq.selector;

/**
 * The type rules of selector values: which Java types count as exact and approximate numbers, and how two numbers
 * compare after Java's binary numeric promotion (exact with exact in long, anything else in double).
 */
final class Values {
    private Values() {
    }

    static boolean isExact(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    static boolean isApproximate(Object value) {
        return value instanceof Double || value instanceof Float;
    }

    static boolean isNumber(Object value) {
        return isExact(value) || isApproximate(value);
    }

    /** Whether {@code left op right} holds for two numbers; both must satisfy {@link #isNumber}. */
    static boolean compareNumbers(Object left, Object right, ComparisonOperator op) {
        if (isExact(left) && isExact(right)) {
            return op.test(((Number) left).longValue(), ((Number) right).longValue());
        }
        return op.test(((Number) left).doubleValue(), ((Number) right).doubleValue());
    }
}
