package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each topic subscription was last active (a consumer attached or detached, or messages were claimed from it),
 * in {@code rowmq_subscription.last_active}, so that an operator can tell a stale durable subscription from a busy one.
 *
 * <p>Cost: attaching and detaching write it in their own transaction (one UPDATE, not on the message path). A claim
 * only notes the time in memory (one map update per claim batch, no statement); the housekeeping thread writes the
 * noted times every few seconds, one batched UPDATE for all the subscriptions this node claimed from meanwhile. A
 * crash loses at most the last few seconds of notes.
 */
final class SubscriptionActivity {

    private static final String UPDATE = "UPDATE rowmq_subscription SET last_active = ?"
            + " WHERE id = ? AND (last_active IS NULL OR last_active < ?)";

    private final DatabaseClock clock;
    /** Subscription id to the database time of its latest claim not written yet. */
    private final Map<Long, Long> claimed = new ConcurrentHashMap<>();

    SubscriptionActivity(DatabaseClock clock) {
        this.clock = clock;
    }

    /** Messages were claimed from {@code queue}: noted if it is a subscription's queue. */
    void claimedFrom(String queue) {
        long id = Subscription.idOf(queue);
        if (id >= 0) claimed.merge(id, clock.now(), Math::max);
    }

    /** A consumer attached to or detached from subscription {@code id}; in the caller's transaction. */
    void touch(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            long now = clock.now();
            ps.setLong(1, now);
            ps.setLong(2, id);
            ps.setLong(3, now);
            ps.executeUpdate();
        }
    }

    /** Whether claims were noted since the last write. */
    boolean noted() {
        return !claimed.isEmpty();
    }

    /**
     * Writes the noted claim times (autocommit, one batch); a time is never moved backwards, as another node may have
     * written a later one. Notes that fail to be written stay for the next call. Returns how many were written.
     */
    int write(Connection c) throws SQLException {
        Map<Long, Long> batch = new HashMap<>(claimed);
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (Map.Entry<Long, Long> e : batch.entrySet()) {
                ps.setLong(1, e.getValue());
                ps.setLong(2, e.getKey());
                ps.setLong(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        batch.forEach(claimed::remove); // only if no later claim was noted meanwhile
        return batch.size();
    }
}
