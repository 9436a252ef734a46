package org.rowmq.store;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.function.Predicate;

/**
 * What an operator sees and repairs in RowMQ's tables, for tools such as the {@code rowmq} command line: the state of
 * destinations, subscriptions, nodes and prepared XA branches, and the changes an operator makes by hand (limits,
 * purges, returning dead letters, settling in-doubt branches). It works on the tables through the store's own classes,
 * without registering a node: an admin tool is not a JVM that consumes, so it never appears among the live nodes and
 * holds no lease. It does not migrate the schema either: a tool of a newer version must not upgrade a production
 * database behind the applications' back.
 *
 * <p>Message filters (a selector, judged by the caller on the decoded message) are plain predicates: the store does
 * not decode messages, and a selector is never turned into SQL.
 */
public final class StoreAdmin {

    /** The node id written into notifications, so consumers know the wake-up came from no JVM of theirs. */
    static final String ADMIN_NODE = "rowmq-admin";

    /** A destination as {@code rowmq destinations} lists it; ages in milliseconds, -1 when there is no such message. */
    public record DestinationStatus(String name, boolean configured, long ready, long inFlight, long scheduled,
                                    long held, long deadLettered, long oldestReadyAgeMillis) {
    }

    /** A message row with its delivery state, for browsing. */
    public record MessageRow(StoredMessage message, String state, String ownerNode, long visibleAt) {
    }

    /**
     * A topic subscription; {@code lastActivityAgeMillis} is how long ago a consumer last attached or detached or
     * messages were last claimed from it (claims are recorded every few seconds), -1 when nothing was recorded yet.
     */
    public record SubscriptionStatus(long id, String topic, String name, String clientId, boolean durable,
                                     boolean shared, String selector, int consumers, long backlog, long inFlight,
                                     long oldestAgeMillis, long lastActivityAgeMillis) {
        public String queue() {
            return Subscription.QUEUE_PREFIX + id;
        }
    }

    /** A JVM in the node table; alive while its heartbeat is younger than its lease. */
    public record NodeStatus(String id, long startedAt, long heartbeatAgeMillis, long leaseMillis, boolean lifeToken,
                             boolean alive, long inFlight) {
    }

    /**
     * A node's traffic to one destination since the node started, as it last published it (every second while it
     * changes): messages sent and acknowledged. Rates are the differences between two readings.
     */
    public record TrafficCount(String node, String destination, long sent, long acknowledged) {
    }

    /** A prepared XA branch and the messages it holds. */
    public record BranchStatus(long id, BranchId xid, String node, long ageMillis, long heldSends, long heldReceives,
                               List<String> destinations) {
    }

    /** What a purge or a move did: rows changed, and matching rows left alone (with the reason in the caller's words). */
    public record Outcome(long changed, long skipped) {
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final DatabaseClock clock;
    private final Destinations destinations;
    private final Subscriptions subscriptions;
    private final XABranches branches;

    private StoreAdmin(DataSource dataSource, Dialect dialect, DatabaseClock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.destinations = new Destinations(dataSource, dialect);
        this.subscriptions = new Subscriptions(dialect);
        Redelivery redelivery = new Redelivery(dialect, destinations, StoreMetrics.NONE);
        // Only commit and rollback of prepared branches are used here; they need neither the store nor its writer's
        // fan-out (a prepared branch's rows are already written). The tool is no node: it records no metrics.
        this.branches = new XABranches(null, dataSource, dialect, clock, new MessageWriter(dialect, subscriptions),
                redelivery, new Arrivals(StoreMetrics.NONE), ADMIN_NODE, StoreMetrics.NONE);
    }

    /** An admin view of the RowMQ tables reachable through {@code dataSource}; fails when they are not there. */
    public static StoreAdmin on(DataSource dataSource) throws JMSException {
        try (Connection c = dataSource.getConnection()) {
            Dialect dialect = Dialect.of(c.getMetaData());
            DatabaseClock clock = new DatabaseClock(dialect);
            clock.sample(c);
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM rowmq_node")) {
                ps.executeQuery().close();
            } catch (SQLException e) {
                throw StoreErrors.failure("find RowMQ's tables (has an application using RowMQ run on this database"
                        + " and schema yet?)", e);
            }
            return new StoreAdmin(dataSource, dialect, clock);
        } catch (SQLException e) {
            throw StoreErrors.failure("connect to the database", e);
        }
    }

    /** Epoch milliseconds on the database's clock. */
    public long now() {
        return clock.now();
    }

    // ---- destinations ------------------------------------------------------------------------------------------

    /** Queues (dead-letter queues included) that hold messages or carry settings; subscriptions' queues are listed apart. */
    public List<DestinationStatus> destinations() throws JMSException {
        return read("list the destinations", c -> {
            long now = clock.now();
            TreeMap<String, long[]> counts = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT destination,"
                    + " SUM(CASE WHEN state = " + RowState.READY + " AND visible_at <= ? THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN state = " + RowState.IN_FLIGHT + " THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN state = " + RowState.READY + " AND visible_at > ? THEN 1 ELSE 0 END),"
                    + " SUM(CASE WHEN state IN (" + RowState.HELD_SEND + ", " + RowState.HELD_ACK + ") THEN 1 ELSE 0 END),"
                    + " MIN(CASE WHEN state = " + RowState.READY + " AND visible_at <= ? THEN visible_at END)"
                    + " FROM rowmq_message GROUP BY destination")) {
                ps.setLong(1, now);
                ps.setLong(2, now);
                ps.setLong(3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (Subscription.isSubscriptionQueue(rs.getString(1))) continue;
                        long oldest = rs.getLong(6);
                        counts.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                                0, rs.wasNull() ? -1 : Math.max(0, now - oldest), 0});
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT original_destination, COUNT(*) FROM rowmq_message"
                    + " WHERE original_destination IS NOT NULL GROUP BY original_destination");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (Subscription.isSubscriptionQueue(rs.getString(1))) continue;
                    counts.computeIfAbsent(rs.getString(1), k -> new long[]{0, 0, 0, 0, 0, -1, 0})[4] = rs.getLong(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM rowmq_destination");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) counts.computeIfAbsent(rs.getString(1), k -> new long[]{0, 0, 0, 0, 0, -1, 0})[6] = 1;
            }
            List<DestinationStatus> result = new ArrayList<>();
            counts.forEach((name, n) -> result.add(new DestinationStatus(name, n[6] == 1, n[0], n[1], n[2], n[3], n[4], n[5])));
            return result;
        });
    }

    /** Whether the destination has a settings row (created or configured), as opposed to running on the defaults. */
    public boolean isConfigured(String name) throws JMSException {
        return read("look up destination '" + name + "'", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM rowmq_destination WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    public DestinationSettings settings(String name) throws JMSException {
        return read("read the settings of '" + name + "'", c -> destinations.settings(c, name));
    }

    /** Creates a destination's settings row; IllegalStateException when it already has one. */
    public void create(String name, DestinationSettings settings) throws JMSException {
        if (isConfigured(name)) throw new IllegalStateException("Destination '" + name + "' already exists; use limits to change it");
        configure(name, settings);
    }

    /** Stores settings for a destination, visible to every JVM within the store's settings cache time (2 s). */
    public void configure(String name, DestinationSettings settings) throws JMSException {
        try {
            destinations.configure(name, settings);
        } catch (SQLException e) {
            throw StoreErrors.failure("store the settings of '" + name + "'", e);
        }
    }

    /** Deletes a destination's settings and all its messages in one transaction; returns the messages deleted. */
    public long delete(String name) throws JMSException {
        if (Subscription.isSubscriptionQueue(name))
            throw new InvalidDestinationException("'" + name + "' is a subscription's queue: delete the subscription instead");
        return write("delete destination '" + name + "'", c -> {
            long messages = count(c, "SELECT COUNT(*) FROM rowmq_message WHERE destination = ?", name);
            boolean configured = count(c, "SELECT COUNT(*) FROM rowmq_destination WHERE name = ?", name) > 0;
            if (!configured && messages == 0) throw new NotFound("There is no destination '" + name + "'");
            Destinations.deleteWithMessages(c, dialect, name);
            return messages;
        });
    }

    // ---- messages ----------------------------------------------------------------------------------------------

    /** Up to {@code max} messages of a destination in any state, by id after {@code afterId}, that pass {@code filter}. */
    public List<MessageRow> browse(String destination, long afterId, int max, Predicate<StoredMessage> filter) throws JMSException {
        return read("browse '" + destination + "'", c -> new MessagePages(dialect, clock).browse(c, destination, afterId, max, filter));
    }

    /** The message with this id (the id browse shows) if it is in {@code destination}, in any state. */
    public Optional<MessageRow> message(String destination, long id) throws JMSException {
        return read("read message " + id + " of '" + destination + "'",
                c -> new MessagePages(dialect, clock).one(c, destination, id));
    }

    /** Ids of the ready messages of a destination that pass {@code filter}: what a purge or a move acts on. */
    public long[] readyIds(String destination, Predicate<StoredMessage> filter) throws JMSException {
        return read("read '" + destination + "'", c -> new MessagePages(dialect, clock).readyIds(c, destination, filter));
    }

    /**
     * Deletes ready messages by id (those still ready in {@code destination}; in-flight ones belong to a consumer and
     * are left), a batch per transaction, reporting the running total to {@code progress}.
     */
    public Outcome purge(String destination, long[] ids, LongConsumer progress) throws JMSException {
        try (Connection c = dataSource.getConnection()) {
            return new Purge(dialect).run(c, destination, ids, progress);
        } catch (SQLException e) {
            throw StoreErrors.failure("purge '" + destination + "'", e);
        }
    }

    /**
     * Returns dead letters to the destination they came from, delivery count reset, in one transaction: killed
     * half-way, the database rolls it back and every message is still in the dead-letter queue. Rows whose origin is
     * gone (a deleted subscription or temporary queue) stay and are counted as skipped.
     */
    public Outcome returnDeadLetters(String deadLetterQueue, long[] ids, LongConsumer progress) throws JMSException {
        return write("move messages out of '" + deadLetterQueue + "'",
                c -> new DeadLetterReturn(dialect, clock).run(c, deadLetterQueue, ids, progress));
    }

    // ---- subscriptions, nodes, branches ------------------------------------------------------------------------

    public List<SubscriptionStatus> subscriptions() throws JMSException {
        return read("list the subscriptions", c -> new Overview(clock).subscriptions(c));
    }

    /** Deletes a durable subscription nobody consumes, with its messages. */
    public void deleteSubscription(String clientId, String name) throws JMSException {
        write("delete durable subscription '" + name + "'", c -> {
            // The operator acts on the database directly: RowMQ's application-level permissions do not apply.
            subscriptions.unsubscribe(c, clientId, name, topic -> { });
            return null;
        });
    }

    public List<NodeStatus> nodes() throws JMSException {
        return read("list the nodes", c -> new Overview(clock).nodes(c));
    }

    /** Every node's published traffic counts. */
    public List<TrafficCount> traffic() throws JMSException {
        return read("read the nodes' traffic counts", c -> new Overview(clock).traffic(c));
    }

    public List<BranchStatus> branches() throws JMSException {
        return read("list the prepared XA branches", c -> new Overview(clock).branches(c));
    }

    public Optional<BranchStatus> branch(long id) throws JMSException {
        return branches().stream().filter(b -> b.id() == id).findFirst();
    }

    /** Commits a prepared branch by hand (heuristically, for the transaction manager); false if it is gone. */
    public boolean commit(BranchId xid) throws JMSException {
        return branches.commit(xid);
    }

    /** Rolls a prepared branch back by hand: its sends vanish, its receives are redelivered. False if it is gone. */
    public boolean rollback(BranchId xid) throws JMSException {
        return branches.rollback(xid);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Thrown inside a transaction when what it acts on does not exist; surfaces as InvalidDestinationException. */
    private static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException, JMSException;
    }

    private <T> T read(String what, Work<T> work) throws JMSException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw StoreErrors.failure(what, e);
        }
    }

    private <T> T write(String what, Work<T> work) throws JMSException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | JMSException | RuntimeException e) {
                Jdbc.rollbackQuietly(c, e);
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (NotFound e) {
            throw new InvalidDestinationException(e.getMessage());
        } catch (SQLException e) {
            throw StoreErrors.failure(what, e);
        }
    }

    static long count(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
