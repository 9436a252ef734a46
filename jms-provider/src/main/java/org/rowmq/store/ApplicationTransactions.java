package org.rowmq.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the store adds for sessions whose transaction is a JDBC connection the application holds and commits itself:
 * proving that such a connection reaches this store's tables, arrival notifications that go out at the application's
 * commit, and settling acknowledgements (deletes) that ran on such a connection once its transaction has ended.
 *
 * <p>A message received in the application's transaction is claimed through the pool (committed in flight under this
 * node) and deleted on the application's connection. If the application commits, the row is gone; if it rolls back,
 * the row is in flight here again and nobody else would ever release it while this node lives. {@link #settle} tells
 * the three cases apart without waiting for anyone: gone (acknowledged), locked (the application's transaction is
 * still open), or unlocked and in flight here (rolled back: released with the delivery count raised).
 */
final class ApplicationTransactions {

    /** Marks notifications queued in an application's transaction, so that this node's own listener acts on them too. */
    static final String NOTIFIER_PREFIX = "tx/";

    private final DataSource dataSource;
    private final Dialect dialect;
    private final DatabaseClock clock;
    private final Redelivery redelivery;
    private final Arrivals arrivals;
    private final String nodeId;

    ApplicationTransactions(DataSource dataSource, Dialect dialect, DatabaseClock clock, Redelivery redelivery,
                            Arrivals arrivals, String nodeId) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.redelivery = redelivery;
        this.arrivals = arrivals;
        this.nodeId = nodeId;
    }

    /**
     * True when {@code c} sees this node's row in the node table: then it reaches the very tables this store uses
     * (same server, database and schema), whatever its URL says. One indexed read. It runs inside a savepoint, since on
     * PostgreSQL a failed statement (the table missing: another database or schema) would abort the application's
     * transaction.
     */
    boolean reachesStore(Connection c) throws SQLException {
        Savepoint savepoint = c.getAutoCommit() ? null : c.setSavepoint();
        try {
            boolean found;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM rowmq_node WHERE id = ?")) {
                ps.setString(1, nodeId);
                try (ResultSet rs = ps.executeQuery()) {
                    found = rs.next();
                }
            }
            if (savepoint != null) c.releaseSavepoint(savepoint);
            return found;
        } catch (SQLException e) {
            if (savepoint != null) c.rollback(savepoint);
            // SQLState class 42: no such table (or no right to read it) from that connection.
            if (e.getSQLState() != null && e.getSQLState().startsWith("42")) return false;
            throw e;
        }
    }

    /** Queues an arrival notification in the caller's transaction; the database delivers it at commit, or never. */
    void announceAtCommit(Connection c, Collection<String> destinations) throws SQLException {
        if (!dialect.notifies() || destinations.isEmpty()) return;
        dialect.notifyArrivals(c, Arrivals.payload(NOTIFIER_PREFIX + nodeId, destinations));
    }

    /**
     * Settles rows this node deleted on an application's connection; returns the ids whose transaction is still open.
     * Cost per call: one unlocked read of the ids, then (when any is left) one SKIP LOCKED read and the redelivery
     * updates, in one short transaction on the pool. Never waits for the application's locks.
     */
    Set<Long> settle(long[] ids) throws SQLException {
        Set<Long> undecided = new HashSet<>();
        Set<String> ready = new LinkedHashSet<>();
        try (Connection c = dataSource.getConnection()) {
            Jdbc.inChunks(ids.length, dialect.maxIdsPerStatement(), (from, to) -> Jdbc.inTransaction(c, () -> {
                long[] present = present(c, ids, from, to);
                if (present.length == 0) return 0;
                Set<Long> unlocked = new HashSet<>();
                List<Redelivery.InFlight> rolledBack = new ArrayList<>();
                lockUnlocked(c, present, unlocked, rolledBack);
                for (long id : present) if (!unlocked.contains(id)) undecided.add(id);
                if (!rolledBack.isEmpty()) {
                    Set<String> touched = redelivery.redeliver(c, rolledBack, clock.now());
                    if (dialect.notifies()) dialect.notifyArrivals(c, Arrivals.payload(nodeId, touched));
                    ready.addAll(touched);
                }
                return 0;
            }));
        }
        arrivals.arrived(ready);
        return undecided;
    }

    /** The ids among ids[from, to) whose rows exist (a row deleted by a transaction still open is still seen). */
    private long[] present(Connection c, long[] ids, int from, int to) throws SQLException {
        List<Long> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM rowmq_message WHERE " + dialect.idIn("id", to - from))) {
            dialect.bindIds(ps, 1, ids, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) found.add(rs.getLong(1));
            }
        }
        return Jdbc.toArray(new LinkedHashSet<>(found));
    }

    /**
     * Locks the rows nobody else holds. Those still in flight under this node are rolled-back deliveries; any other
     * (returned by a reaper meanwhile) is no longer this node's business.
     */
    private void lockUnlocked(Connection c, long[] present, Set<Long> unlocked, List<Redelivery.InFlight> rolledBack)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, destination, delivery_count, state, owner_node"
                + " FROM rowmq_message WHERE " + dialect.idIn("id", present.length) + " FOR UPDATE SKIP LOCKED")) {
            dialect.bindIds(ps, 1, present, 0, present.length);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    unlocked.add(id);
                    if (rs.getInt(4) == RowState.IN_FLIGHT && nodeId.equals(rs.getString(5)))
                        rolledBack.add(new Redelivery.InFlight(id, rs.getString(2), rs.getInt(3), true));
                }
            }
        }
    }
}
