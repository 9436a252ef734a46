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

    MessageWriter(Dialect dialect) {
        this.dialect = dialect;
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
        return new InvalidDestinationException("temporary queue " + name
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
        if (messages.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(Dialect.INSERT_MESSAGE)) {
            addInserts(ps, messages, now);
            ps.executeBatch();
        }
    }

    /** Deletes acknowledged rows; ids already gone (acknowledged twice, expired) are ignored. */
    void delete(Connection c, long[] ids) throws SQLException {
        dialect.updateIds(c, "DELETE FROM rowmq_message WHERE ", ids, ps -> 1);
    }
}
