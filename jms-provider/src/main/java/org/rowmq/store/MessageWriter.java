package org.rowmq.store;

import jakarta.jms.InvalidDestinationException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The statements that store sends and acknowledgements, shared by the group committer and by writes on an
 * application's connection. It never commits.
 */
final class MessageWriter {

    static final String TEMPORARY_PREFIX = "rowmq.tmp.";

    private final Dialect dialect;
    private final Subscriptions subscriptions;
    /** Null where the portable fan-out is used: every database but PostgreSQL. */
    private final PostgresPublish publish;

    MessageWriter(Dialect dialect, Subscriptions subscriptions) {
        this.dialect = dialect;
        this.subscriptions = subscriptions;
        this.publish = dialect.publishesInOneStatement() ? new PostgresPublish(subscriptions) : null;
    }

    /**
     * Inserts a group's sends, ready, and adds to {@code destinations} what to announce: the queues and topics sent
     * to, and the subscription queues that got rows. Returns true when the group's notification to other JVMs was
     * queued already (or left out, {@code notify} false: no other node listens), from {@code node}, naming all of them
     * (on PostgreSQL, by the statement that wrote published messages), false when the caller still has to. Cost: queue messages, one batch as in {@link #insert(Connection,
     * Rows, long)}; published messages, on PostgreSQL one statement for all of them with the notification
     * ({@link PostgresPublish}), elsewhere the fan-out's read per topic, one batch of bodies and the rows in the queue
     * messages' batch.
     */
    boolean insertGroup(Connection c, List<WorkUnit> units, long now, Set<String> destinations, String node,
                        boolean notify) throws SQLException {
        Rows rows = new Rows();
        List<PostgresPublish.Published> published = new ArrayList<>();
        for (WorkUnit u : units) {
            destinations.addAll(u.destinations());
            if (publish == null) {
                subscriptions.fanOut(c, u.sends, rows, u.selections);
                continue;
            }
            for (OutgoingMessage m : u.sends) {
                if (m.topic()) published.add(new PostgresPublish.Published(m, u.selections));
                else rows.addInline(m);
            }
        }
        destinations.addAll(rows.destinations());
        insert(c, rows, now);
        if (published.isEmpty()) return false;
        PostgresPublish.Outcome outcome = publish.insert(c, this, published, now, node, notify, destinations);
        destinations.addAll(outcome.written());
        return outcome.announced();
    }

    /** PostgreSQL's one-statement publish, for the group's one statement ({@link PostgresGroupWrite}); null elsewhere. */
    PostgresPublish publish() {
        return publish;
    }

    /** The rows the sends become: topic messages fan out into the matching subscriptions; see {@link Rows}. */
    Rows fanOut(Connection c, Collection<OutgoingMessage> sends) throws SQLException {
        Rows rows = new Rows();
        subscriptions.fanOut(c, sends, rows, Subscriptions.Selections.NONE);
        return rows;
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
     * body_id when {@code withBody}, then the XA branch when {@code branch} is not 0. A batch holding a grouped message
     * writes group_id and group_end too (bound last; {@link Dialect#withGroups}); a batch without keeps its statement
     * byte for byte, so ungrouped sends cost what they did.
     */
    void insert(Connection c, Rows rows, long now, String insertSql, boolean withBody, long branch) throws SQLException {
        if (rows.isEmpty()) return;
        long[] bodyIds = insertBodies(c, rows.bodies());
        boolean grouped = false;
        for (Rows.Row r : rows.rows()) grouped |= r.message().group() != null;
        try (PreparedStatement ps = c.prepareStatement(grouped ? Dialect.withGroups(insertSql) : insertSql)) {
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
                if (branch != 0) ps.setLong(next++, branch);
                if (grouped) {
                    MessageGroup group = m.group();
                    if (group == null) ps.setNull(next++, Types.VARCHAR);
                    else ps.setString(next++, group.id());
                    ps.setInt(next, group != null && group.closes() ? 1 : 0);
                }
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
     * Deletes acknowledged rows, only while this node still holds them in flight, and the bodies only they referenced
     * (one statement per id list on PostgreSQL, two elsewhere: {@link Dialect#deleteAcknowledged}). A node presumed
     * dead (its lease ran out) has lost them to redelivery: acknowledging them would consume a message twice, so that
     * fails instead.
     */
    void delete(Connection c, long[] ids, String owner) throws SQLException {
        delete(c, ids, owner, null);
    }

    /** The same, counting the acknowledged rows per destination into {@code perDestination} unless it is null. */
    void delete(Connection c, long[] ids, String owner, Map<String, Integer> perDestination) throws SQLException {
        if (ids.length == 0) return;
        int deleted = dialect.deleteAcknowledged(c, ids, owner, perDestination);
        if (deleted < ids.length) throw new LeaseLostException(ids.length - deleted, ids.length);
    }

    /**
     * Marks rows this node holds in flight as delivered: the application is about to see them. A node that dies after
     * this commits has them redelivered with the count raised; rows it never marked come back untouched (see
     * {@link NodeLiveness}). Only while this node still holds them: a row it lost (presumed dead, reaped) is another's
     * now, and the application must not see it here, so that fails instead; unless {@code required} is false (marks
     * written ahead of delivery), when rows no longer held are skipped. One UPDATE per id list; on PostgreSQL a HOT
     * update (no indexed column changes).
     */
    void markDelivered(Connection c, long[] ids, String owner, boolean required) throws SQLException {
        if (ids.length == 0) return;
        int marked = dialect.updateIds(c, "UPDATE rowmq_message SET delivered = 1 WHERE " + Dialect.HELD_IN_FLIGHT
                + " AND ", ids, ps -> {
            ps.setString(1, owner);
            return 2;
        });
        if (required && marked < ids.length) throw LeaseLostException.delivering(ids.length - marked, ids.length);
    }
}
