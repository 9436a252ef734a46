package org.rowmq.client;

/**
 * How many messages a session's last acknowledgement covered (a CLIENT_ACKNOWLEDGE {@code acknowledge()} or a
 * transaction's commit): the size expected of the next interval, to which the session sizes its claims and the
 * delivery marks it writes ahead. Zero until the first acknowledgement: then nothing is marked ahead.
 */
final class AcknowledgementInterval {
    private volatile int last;

    /** An acknowledgement of {@code messages} messages was written. */
    void ended(int messages) {
        last = messages;
    }

    /** The buffered messages to mark with the next acknowledgement: the rest of an interval like the last. */
    int marksAhead() {
        return Math.max(0, last - 1);
    }

    /** The messages a claim should take: a whole interval like the last. */
    int claimWanted() {
        return last;
    }
}
