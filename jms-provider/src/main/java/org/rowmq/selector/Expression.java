package org.rowmq.selector;

/**
 * A node of a parsed selector. {@link #evaluate} yields Boolean, Long, Double, String, a value exactly as the
 * {@link SelectorContext} gave it (for identifiers), or null, which stands for both a missing value and the
 * three-valued logic's UNKNOWN. Evaluation never throws: a value of the wrong type at run time gives null.
 */
abstract class Expression {
    private final int depth;

    Expression(Expression... children) {
        int deepest = 0;
        for (Expression child : children) {
            deepest = Math.max(deepest, child.depth);
        }
        this.depth = deepest + 1;
    }

    /** How many nodes the longest path from here down has: evaluation recurses this deep. */
    final int depth() {
        return depth;
    }

    abstract Kind kind();

    abstract Object evaluate(SelectorContext message);
}
