package org.rowmq.store;

import jakarta.jms.JMSException;

/**
 * Why writing an XA branch (its prepare, or a one-phase commit) failed, and whether anything was written: every
 * reason but {@link Reason#OUTCOME_UNKNOWN} means the database transaction rolled back and the branch's received
 * messages are still in flight for this node.
 */
public final class BranchException extends JMSException {

    public enum Reason {
        /** A received message is no longer in flight for this node (its lease lapsed and another node took it). */
        RECEIVED_MESSAGE_LOST,
        /** A branch with this Xid is already prepared (by this or another JVM). */
        DUPLICATE_XID,
        /** A destination refused the branch's sends (full, or a deleted temporary queue). */
        SEND_REFUSED,
        /** The database failed before the commit: nothing was written. */
        DATABASE_FAILURE,
        /** The database's commit itself failed: the branch may or may not have been written. */
        OUTCOME_UNKNOWN
    }

    private final Reason reason;

    BranchException(Reason reason, String message, Exception cause) {
        super(message);
        this.reason = reason;
        if (cause != null) {
            setLinkedException(cause);
            initCause(cause);
        }
    }

    public Reason reason() {
        return reason;
    }

    /** True when the database rolled the branch's writes back (everything but an unknown commit outcome). */
    public boolean rolledBack() {
        return reason != Reason.OUTCOME_UNKNOWN;
    }
}
