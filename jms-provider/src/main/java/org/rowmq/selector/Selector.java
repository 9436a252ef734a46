package org.rowmq.selector;

import jakarta.jms.InvalidSelectorException;

/**
 * A parsed message selector (Jakarta Messaging 3.1, section 3.8.1.1). Parse once when the consumer, browser or
 * subscription is created; invalid text fails there with InvalidSelectorException. {@link #matches} then runs per
 * candidate message: it walks the expression tree without locks, regular expressions or (apart from arithmetic
 * results) allocation. Instances are immutable and safe to share between threads.
 *
 * <p>Semantics in brief: identifiers are case-sensitive, keywords are not; a missing property or unset header is
 * NULL; NULL and values of a type the operator cannot take make the operator UNKNOWN, and AND, OR and NOT follow
 * SQL's three-valued logic; a message matches only when the whole selector is TRUE. Integer arithmetic is done in
 * long (wrapping on overflow, UNKNOWN on division by zero), any floating-point operand makes it double.
 */
public final class Selector {
    private static final Selector ALL = new Selector(null, null);

    private final String text;
    private final Expression condition;

    private Selector(String text, Expression condition) {
        this.text = text;
        this.condition = condition;
    }

    /**
     * null, empty or blank text gives a selector that matches every message (JMS: "no selector").
     *
     * @throws InvalidSelectorException when the text is not a valid selector; the message names the problem and
     *         its 1-based character position
     */
    public static Selector parse(String text) throws InvalidSelectorException {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        try {
            return new Selector(text, Parser.parse(text));
        } catch (SelectorSyntaxException e) {
            throw new InvalidSelectorException(
                    e.getMessage() + " at position " + (e.position() + 1) + " in selector \"" + text + "\"");
        }
    }

    /** True only when the selector evaluates to TRUE for this message (not FALSE, not UNKNOWN). */
    public boolean matches(SelectorContext message) {
        return condition == null || Boolean.TRUE.equals(condition.evaluate(message));
    }

    /** True for the no-selector case (null, empty or blank text). */
    public boolean matchesAll() {
        return condition == null;
    }

    /**
     * The selector text exactly as given to {@link #parse}, or null when there is no selector: JMS reports a
     * consumer's selector as null when it was null or empty, and a durable subscription's selector compares the
     * same way.
     */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text == null ? "(no selector)" : text;
    }
}
