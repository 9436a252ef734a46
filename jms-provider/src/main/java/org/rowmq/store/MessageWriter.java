package org.rowmq.store;

import jakarta.jms.InvalidDestinationException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * The statements that store sends and acknowledgements, shared by the group committer and by writes on an
 * application's connection. It never commits.
 */
final class MessageWriter {

    static final String TEMPORARY_PREFIX = "rowmq.tmp.";

    private final Dialect dialect;
    private final Subscriptions subscriptions;

    MessageWriter(Dialect dialect, Subscriptions subscriptions) {
        this.dialect = dialect;
        this.subscriptions = subscriptions;
    }

    /** Topic messages become their copies for the matching subscriptions; see {@link Subscriptions#fanOut}. */
    List<OutgoingMessage> fanOut(Connection c, List<OutgoingMessage> sends) throws SQLException {
        return subscriptions.fanOut(c, sends);
    }

    static boolean isTemporary(String destination) {
        return destination.startsWith(TEMPORARY_PREFIX);
    }

    /**
     * Null when the temporary destination exists, else the exception for sending to it. The row stays share-locked
     * until the caller's transaction ends, so a concurrent delete cannot leave this transaction's rows behind.
     */
    InvalidDestinationException checkTemporary(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name FROM rowmq_destination WHERE name = ?" + dialect.shareLock())) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) return null;
            }
        }
        return new InvalidDestinationException("temporary destination " + name
                + " was deleted (or its connection closed); messages can no longer be sent to it");
    }

    /** Adds the messages to the batch of {@code insert}; times are absolute on the database's clock. */
    static void addInserts(PreparedStatement insert, Collection<OutgoingMessage> messages, long now) throws SQLException {
        for (OutgoingMessage m : messages) {
            insert.setString(1, m.destination());
            insert.setInt(2, m.priority());
            insert.setLong(3, m.deliveryDelay() > 0 ? now + m.deliveryDelay() : now);
            insert.setLong(4, m.timeToLive() > 0 ? now + m.timeToLive() : 0);
            insert.setBoolean(5, m.persistent());
            insert.setBytes(6, m.payload());
            insert.addBatch();
        }
    }

    /** Inserts messages in list order (ids follow it) with one batch. */
    void insert(Connection c, List<OutgoingMessage> messages, long now) throws SQLException {
        List<OutgoingMessage> rows = fanOut(c, messages);
        if (rows.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(Dialect.INSERT_MESSAGE)) {
            addInserts(ps, rows, now);
            ps.executeBatch();
        }
    }

    /**
     * Deletes acknowledged rows, only while this node still holds them in flight. A node presumed dead (its lease ran
     * out) has lost them to redelivery: acknowledging them would consume a message twice, so that fails instead.
     */
    void delete(Connection c, long[] ids, String owner) throws SQLException {
        if (ids.length == 0) return;
        int deleted = dialect.updateIds(c, "DELETE FROM rowmq_message WHERE owner_node = ? AND state = 1 AND ", ids, ps -> {
            ps.setString(1, owner);
            return 2;
        });
        if (deleted < ids.length) {
            throw new SQLException((ids.length - deleted) + " of " + ids.length + " acknowledged messages are no longer "
                    + "held by this node (its lease expired or they were already acknowledged); they are redelivered "
                    + "instead, and this acknowledgement did not take effect", LEASE_LOST);
        }
    }

    /** SQLState of an acknowledgement that found its rows gone: not a database failure, the unit alone fails. */
    static final String LEASE_LOST = "RQ001";
}
