package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which node each message group sticks to (rowmq_group). The claim decides who may take a group's head
 * ({@link Dialect#groupHead()}: the head is the only row of a group a claim can take, so at most one message of a group
 * is in flight in all JVMs); this class only records and forgets the stickiness, so that the group's later messages
 * keep going to the node whose consumer took its earlier ones.
 *
 * <p>Cost, only for a claim that took grouped messages: one batch of upserts (one per group claimed, grouped
 * messages in a claim all being heads of different groups) on the claim's connection; ungrouped claims run nothing
 * here. Stickiness is written after the claim commits: that is safe because the claimed head, in flight, holds its
 * group back from every other claimer until it is acknowledged or returned.
 */
final class MessageGroups {

    private final Dialect dialect;

    MessageGroups(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Makes the groups of claimed messages stick to {@code node}; a message closing its group (negative JMSXGroupSeq)
     * makes it stick to nobody instead, so once it is acknowledged the group's next message may go to any consumer.
     */
    void claimed(Connection c, String node, List<StoredMessage> messages) throws SQLException {
        // Sorted, so that concurrent claimers (of different groups) upsert in one order and never deadlock each other.
        Map<String, StoredMessage> stick = new TreeMap<>();
        Map<String, StoredMessage> close = new TreeMap<>();
        for (StoredMessage m : messages) {
            if (m.group() == null) continue;
            (m.group().closes() ? close : stick).put(m.destination() + '\u0000' + m.group().id(), m);
        }
        if (!stick.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(dialect.stickGroup())) {
                for (StoredMessage m : stick.values()) {
                    ps.setString(1, m.destination());
                    ps.setString(2, m.group().id());
                    ps.setString(3, node);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (!close.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM rowmq_group WHERE destination = ? AND group_id = ?")) {
                for (StoredMessage m : close.values()) {
                    ps.setString(1, m.destination());
                    ps.setString(2, m.group().id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    /** The node's last consumer of {@code destination} closed: its groups there may go to other nodes. */
    static void release(Connection c, String destination, String node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM rowmq_group WHERE owner_node = ? AND destination = ?")) {
            ps.setString(1, node);
            ps.setString(2, destination);
            ps.executeUpdate();
        }
    }

    /** The node died (or closed): every group that stuck to it may go to other nodes. */
    static void releaseAll(Connection c, String node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rowmq_group WHERE owner_node = ?")) {
            ps.setString(1, node);
            ps.executeUpdate();
        }
    }
}
