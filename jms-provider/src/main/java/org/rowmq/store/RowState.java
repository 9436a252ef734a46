package org.rowmq.store;

/**
 * The state column of rowmq_message. PostgreSQL's partial indexes name READY and IN_FLIGHT in their predicates, so a
 * statement must state them as literals (these constants are concatenated into the text, never bound).
 */
final class RowState {
    /** Waiting in its queue; claimable once visible. */
    static final int READY = 0;
    /** Claimed by a node (owner_node), delivered or prefetched, not yet acknowledged. */
    static final int IN_FLIGHT = 1;
    /** Sent in a prepared XA branch (xa_branch): invisible until the branch commits. */
    static final int HELD_SEND = 2;
    /** Received in a prepared XA branch: deleted if the branch commits, redelivered if it rolls back. */
    static final int HELD_ACK = 3;

    private RowState() {
    }
}
