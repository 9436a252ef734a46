package org.rowmq.store;

import java.util.function.Supplier;

/**
 * A caller's place in the store's group commit, from {@link MessageStore#writeOrder()}: the writes given one order
 * (sends, acknowledgements, delivery marks, commits) are committed, and their futures completed, in the order they were
 * called, even when the caller does not wait for one before the next (asynchronous sends, acknowledgements flushed
 * without waiting). Writes given different orders may commit at the same time on different connections. A session
 * takes one for its life, which keeps everything JMS orders within a session in order.
 */
public final class WriteOrder {
    /** Guarded by {@code this}: the lane of the writes not yet completed, and how many they are. */
    private CommitLane lane;
    private int pending;

    WriteOrder() {
    }

    /**
     * The lane for one more write: the lane of those still pending, so that it queues behind them; a lane chosen
     * afresh when none is (all earlier writes have completed, whatever lane takes the next one).
     */
    synchronized CommitLane take(Supplier<CommitLane> choose) {
        if (pending++ == 0) lane = choose.get();
        return lane;
    }

    /** One write completed (its future's dependents have run). */
    synchronized void release() {
        pending--;
    }
}
