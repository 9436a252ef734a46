package org.rowmq.store;

import jakarta.jms.InvalidDestinationException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /** The rows the sends become: topic messages fan out into the matching subscriptions; see {@link Rows}. */
    Rows fanOut(Connection c, Collection<OutgoingMessage> sends) throws SQLException {
        Rows rows = new Rows();
        subscriptions.fanOut(c, sends, rows, Subscriptions.Selections.NONE);
        return rows;
    }

    /**
     * Adds the rows of more sends to {@code into} (one group's units share one Rows and its batches), with the
     * selectors their publishers judged already.
     */
    void fanOut(Connection c, Collection<OutgoingMessage> sends, Rows into, Subscriptions.Selections selections) throws SQLException {
        subscriptions.fanOut(c, sends, into, selections);
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

    /** Inserts messages in list order (ids follow it); topic messages fan out first. */
    void insert(Connection c, List<OutgoingMessage> messages, long now) throws SQLException {
        insert(c, fanOut(c, messages), now);
    }

    /**
     * Inserts the rows, ready. Cost: queue messages only, one batch; with published messages, one batch of bodies
     * (their ids come back from it) and then the one batch of rows. A publish to k subscriptions is 1 body row and k
     * narrow rows; with no matching subscription nothing is written.
     */
    void insert(Connection c, Rows rows, long now) throws SQLException {
        // A batch of queue messages only keeps the statement it had before bodies existed, byte for byte.
        boolean bodies = !rows.bodies().isEmpty();
        insert(c, rows, now, bodies ? Dialect.INSERT_MESSAGE_WITH_BODY : Dialect.INSERT_MESSAGE, bodies, 0);
    }

    /**
     * Inserts the rows with {@code insertSql}, which binds the five parameters of {@link Dialect#INSERT_MESSAGE}, then
     * body_id when {@code withBody}, then the XA branch when {@code branch} is not 0.
     */
    void insert(Connection c, Rows rows, long now, String insertSql, boolean withBody, long branch) throws SQLException {
        if (rows.isEmpty()) return;
        long[] bodyIds = insertBodies(c, rows.bodies());
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            for (Rows.Row r : rows.rows()) {
                OutgoingMessage m = r.message();
                ps.setString(1, m.destination());
                ps.setInt(2, m.priority());
                ps.setLong(3, m.deliveryDelay() > 0 ? now + m.deliveryDelay() : now);
                ps.setLong(4, m.timeToLive() > 0 ? now + m.timeToLive() : 0);
                int next = 6;
                if (r.body() < 0) {
                    ps.setBytes(5, m.payload());
                    if (withBody) ps.setNull(next++, Types.BIGINT);
                } else {
                    ps.setNull(5, Types.VARBINARY);
                    ps.setLong(next++, bodyIds[r.body()]);
                }
                if (branch != 0) ps.setLong(next, branch);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Inserts the bodies in one batch; returns their ids in list order. */
    private static long[] insertBodies(Connection c, List<byte[]> bodies) throws SQLException {
        long[] ids = new long[bodies.size()];
        if (bodies.isEmpty()) return ids;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rowmq_body (payload) VALUES (?)", new String[]{"id"})) {
            for (byte[] payload : bodies) {
                ps.setBytes(1, payload);
                ps.addBatch();
            }
            ps.executeBatch();
            int n = 0;
            try (ResultSet keys = ps.getGeneratedKeys()) {
                while (keys.next() && n < ids.length) ids[n++] = keys.getLong(1);
            }
            if (n != ids.length) {
                throw new SQLException("the database returned " + n + " generated ids for " + ids.length
                        + " inserted message bodies");
            }
        }
        return ids;
    }

    /**
     * Deletes acknowledged rows, only while this node still holds them in flight. A node presumed dead (its lease ran
     * out) has lost them to redelivery: acknowledging them would consume a message twice, so that fails instead.
     */
    void delete(Connection c, long[] ids, String owner) throws SQLException {
        if (ids.length == 0) return;
        // One statement per id list as before; it returns the deleted rows' body ids, so the bodies of acknowledged
        // subscription rows go in the same transaction (one more statement, only when there are any).
        Set<Long> bodies = new HashSet<>();
        int deleted = dialect.deleteIds(c, "DELETE FROM rowmq_message WHERE owner_node = ? AND state = " + RowState.IN_FLIGHT + " AND ", ids, ps -> {
            ps.setString(1, owner);
            return 2;
        }, bodies);
        if (deleted < ids.length) throw new LeaseLostException(ids.length - deleted, ids.length);
        Bodies.deleteUnreferenced(c, bodies);
    }
}
