package org.rowmq.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The destination table: settings (cached briefly, so the hot path rarely reads them) and temporary destinations.
 */
final class Destinations {

    /** How long a JVM may act on settings another JVM has since changed. */
    private static final long CACHE_NANOS = Duration.ofSeconds(2).toNanos();

    private record Cached(DestinationSettings settings, long loadedAt) {
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Destinations(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Settings of a destination, reading them on a connection of the pool when the cache has none fresh. */
    DestinationSettings settings(String name) throws SQLException {
        DestinationSettings cached = fresh(name);
        if (cached != null) return cached;
        try (Connection connection = dataSource.getConnection()) {
            return settings(connection, name);
        }
    }

    /**
     * The same, reading on the caller's connection (in its transaction): a caller that holds a pooled connection
     * never borrows a second one, which a small pool may not have until its timeout.
     */
    DestinationSettings settings(Connection connection, String name) throws SQLException {
        DestinationSettings cached = fresh(name);
        if (cached != null) return cached;
        long now = System.nanoTime();
        DestinationSettings s = load(connection, name);
        cache.put(name, new Cached(s, now));
        return s;
    }

    private DestinationSettings fresh(String name) {
        Cached c = cache.get(name);
        return c != null && System.nanoTime() - c.loadedAt < CACHE_NANOS ? c.settings : null;
    }

    /** A subscription's queue obeys its topic's settings. */
    private static DestinationSettings load(Connection c, String name) throws SQLException {
        long subscription = Subscription.idOf(name);
        String sql = "SELECT max_messages, when_full, block_timeout_ms, max_deliveries, dead_letter_queue,"
                + " redelivery_delay_ms FROM rowmq_destination WHERE name = "
                + (subscription < 0 ? "?" : "(SELECT topic FROM rowmq_subscription WHERE id = ?)");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (subscription < 0) ps.setString(1, name);
            else ps.setLong(1, subscription);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return DestinationSettings.DEFAULTS;
                return new DestinationSettings(rs.getLong(1), DestinationSettings.FullPolicy.valueOf(rs.getString(2)),
                        Duration.ofMillis(rs.getLong(3)), rs.getInt(4), rs.getString(5), Duration.ofMillis(rs.getLong(6)));
            }
        }
    }

    void configure(String name, DestinationSettings s) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            // Update first, insert when absent, update again if another JVM inserted meanwhile: portable upsert.
            if (update(c, name, s) == 0) {
                try {
                    insert(c, name, "QUEUE", null, s);
                } catch (SQLException e) {
                    if (!isDuplicate(e) || update(c, name, s) == 0) throw e;
                }
            }
        }
        cache.put(name, new Cached(s, System.nanoTime()));
    }

    private static int update(Connection c, String name, DestinationSettings s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rowmq_destination SET max_messages = ?, when_full = ?,"
                + " block_timeout_ms = ?, max_deliveries = ?, dead_letter_queue = ?, redelivery_delay_ms = ? WHERE name = ?")) {
            bindSettings(ps, s);
            ps.setString(7, name);
            return ps.executeUpdate();
        }
    }

    private static void insert(Connection c, String name, String kind, String owner, DestinationSettings s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rowmq_destination (max_messages, when_full,"
                + " block_timeout_ms, max_deliveries, dead_letter_queue, redelivery_delay_ms, name, kind, owner_node)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindSettings(ps, s);
            ps.setString(7, name);
            ps.setString(8, kind);
            ps.setString(9, owner);
            ps.executeUpdate();
        }
    }

    private static void bindSettings(PreparedStatement ps, DestinationSettings s) throws SQLException {
        ps.setLong(1, s.maxMessages());
        ps.setString(2, s.whenFull().name());
        ps.setLong(3, s.blockTimeout().toMillis());
        ps.setInt(4, s.maxDeliveries());
        ps.setString(5, s.deadLetterQueue());
        ps.setLong(6, s.redeliveryDelay().toMillis());
    }

    static boolean isDuplicate(SQLException e) {
        return e instanceof SQLIntegrityConstraintViolationException
                || (e.getSQLState() != null && e.getSQLState().startsWith("23"));
    }

    void createTemporary(String name, String node) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            insert(c, name, "TEMPORARY_QUEUE", node, DestinationSettings.DEFAULTS);
        }
        cache.remove(name);
    }

    void deleteTemporary(String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Jdbc.inTransaction(c, () -> {
                deleteWithMessages(c, dialect, name);
                return null;
            });
        }
        cache.remove(name);
    }

    /**
     * Deletes a destination row and then its messages, in the caller's transaction. Deleting the row first takes
     * its lock, so a concurrent send (which share-locks the row) either committed before or finds it gone.
     */
    static void deleteWithMessages(Connection c, Dialect dialect, String name) throws SQLException {
        Subscriptions.deleteForTopic(c, dialect, name); // a temporary topic's subscriptions go with it
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rowmq_destination WHERE name = ?")) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
        // A dead-letter queue may hold subscription rows: their bodies go with them when nothing else references them.
        Set<Long> bodies = new HashSet<>();
        // By state, so that PostgreSQL's partial index serves the ready rows (usually all of them).
        for (int state : new int[]{RowState.READY, RowState.IN_FLIGHT}) {
            try (PreparedStatement ps = c.prepareStatement(dialect.returningBodies(
                    "DELETE FROM rowmq_message WHERE destination = ? AND state = " + state))) {
                ps.setString(1, name);
                Dialect.readBodies(ps, bodies);
            }
        }
        Bodies.deleteUnreferenced(c, bodies);
    }
}
