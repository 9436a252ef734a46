package org.rowmq.selector;

/**
 * A problem found while parsing, with the 0-based index where it was found; {@link Selector#parse} turns it into
 * the InvalidSelectorException that the application sees. Checked, so that no parsing path can forget it.
 */
final class SelectorSyntaxException extends Exception {
    private final int position;

    SelectorSyntaxException(int position, String problem) {
        super(problem, null, false, false);
        this.position = position;
    }

    int position() {
        return position;
    }
}
