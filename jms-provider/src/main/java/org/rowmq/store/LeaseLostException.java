package org.rowmq.store;

import java.sql.SQLException;

/**
 * An acknowledgement (or a delivery mark) found its rows no longer held by this node: its lease ran out and they were (or will be)
 * redelivered, or they were already acknowledged. Not a database failure: the unit that made it fails alone, and
 * nothing of it is written, so the message is consumed once, elsewhere.
 */
final class LeaseLostException extends SQLException {
    LeaseLostException(int missing, int acknowledged) {
        super(missing + " of " + acknowledged + " acknowledged messages are no longer held by this node (its lease"
                + " expired or they were already acknowledged); they are redelivered instead, and this acknowledgement"
                + " did not take effect");
    }

    private LeaseLostException(String message) {
        super(message);
    }

    /** A delivery mark found its rows gone from this node: they are not to be handed to the application here. */
    static LeaseLostException delivering(int missing, int marked) {
        return new LeaseLostException(missing + " of " + marked + " messages about to be delivered are no longer held"
                + " by this node (it was presumed dead: its lease expired or its database session ended); they are"
                + " redelivered elsewhere instead of here");
    }
}
