package org.rowmq.selector;

/** The binary arithmetic operators, applied with Java's semantics (long arithmetic wraps on overflow). */
enum ArithmeticOperator {
    ADD, SUBTRACT, MULTIPLY, DIVIDE;

    /** Null for integer division by zero, which Java would answer with an exception: the result is UNKNOWN. */
    Long apply(long a, long b) {
        return switch (this) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> b == 0 ? null : a / b;
        };
    }

    double apply(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUBTRACT -> a - b;
            case MULTIPLY -> a * b;
            case DIVIDE -> a / b;
        };
    }
}
