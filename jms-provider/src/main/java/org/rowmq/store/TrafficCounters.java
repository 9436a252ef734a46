package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's traffic per destination (messages sent, messages acknowledged), published in
 * {@code rowmq_node_traffic} so that an operator's tool, which sees only the database, can show send and consume rates
 * ({@code rowmq stats --watch}). Counted in memory on the paths that already report to the metrics (no statement per
 * message); written by the housekeeping thread, one UPDATE (an INSERT the first time) per destination whose counts
 * changed since the last write, nothing when idle. Destinations are named as in the metrics ({@link MetricNames}), so
 * temporary queues do not grow the table.
 */
final class TrafficCounters implements StoreMetrics {

    /** Rows of nodes gone from the node table are deleted once they are this old (a tool may still be diffing them). */
    private static final long ABANDONED_AFTER_MILLIS = 60_000;

    private static final class Counts {
        final LongAdder sent = new LongAdder();
        final LongAdder acknowledged = new LongAdder();
        long writtenSent = -1;
        long writtenAcknowledged = -1;
    }

    private final String node;
    private final Map<String, Counts> counts = new ConcurrentHashMap<>();

    TrafficCounters(String node) {
        this.node = node;
    }

    private Counts of(String destination) {
        return counts.computeIfAbsent(MetricNames.destination(destination), d -> new Counts());
    }

    @Override
    public void sent(List<OutgoingMessage> messages) {
        for (OutgoingMessage m : messages) of(m.destination()).sent.increment();
    }

    @Override
    public void acknowledged(String destination, int messages) {
        of(destination).acknowledged.add(messages);
    }

    /** Whether a count changed since the last write (so an idle node does not even borrow a connection). */
    boolean changed() {
        for (Counts n : counts.values()) {
            if (n.sent.sum() != n.writtenSent || n.acknowledged.sum() != n.writtenAcknowledged) return true;
        }
        return false;
    }

    /**
     * Writes the counts that changed since the last call (autocommit), stamped {@code now} on the database's clock;
     * one thread only. Returns the rows written.
     */
    int write(Connection c, long now) throws SQLException {
        int written = 0;
        for (Map.Entry<String, Counts> e : counts.entrySet()) {
            Counts n = e.getValue();
            long sent = n.sent.sum();
            long acknowledged = n.acknowledged.sum();
            if (sent == n.writtenSent && acknowledged == n.writtenAcknowledged) continue;
            if (!update(c, e.getKey(), sent, acknowledged, now)) insert(c, e.getKey(), sent, acknowledged, now);
            n.writtenSent = sent;
            n.writtenAcknowledged = acknowledged;
            written++;
        }
        return written;
    }

    private boolean update(Connection c, String destination, long sent, long acknowledged, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rowmq_node_traffic SET sent = ?, acknowledged = ?,"
                + " updated_at = ? WHERE node = ? AND destination = ?")) {
            ps.setLong(1, sent);
            ps.setLong(2, acknowledged);
            ps.setLong(3, now);
            ps.setString(4, node);
            ps.setString(5, destination);
            return ps.executeUpdate() == 1;
        }
    }

    private void insert(Connection c, String destination, long sent, long acknowledged, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rowmq_node_traffic (node, destination, sent,"
                + " acknowledged, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, node);
            ps.setString(2, destination);
            ps.setLong(3, sent);
            ps.setLong(4, acknowledged);
            ps.setLong(5, now);
            ps.executeUpdate();
        }
    }

    /** Deletes the rows of nodes that left the node table a while ago. */
    static int deleteAbandoned(Connection c, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rowmq_node_traffic WHERE updated_at < ?"
                + " AND node NOT IN (SELECT id FROM rowmq_node)")) {
            ps.setLong(1, now - ABANDONED_AFTER_MILLIS);
            return ps.executeUpdate();
        }
    }
}
