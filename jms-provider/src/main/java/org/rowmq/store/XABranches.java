package org.rowmq.store;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JDBC side of XA ({@link XABranchStore}): the branch table and the held states of queue rows. Every statement
 * binds the Xid's parts and ids; none is built from them.
 *
 * <p>Cost per branch: prepare = 1 branch row insert + 1 id lookup + 1 batched insert of the sends + 1 locking read and
 * 1 update of the received rows, one commit; commit = 1 branch lock + 1 read of the send destinations + 1 update +
 * 1 delete + 1 branch delete, one commit (plus one NOTIFY on PostgreSQL); rollback likewise. Statements per message
 * are one row in a batch or one id in a list, as on the local paths. Topic sends add, as there, one batched insert of
 * bodies (a publish to k subscriptions = 1 body row + k narrow held rows); deleting subscription rows (received rows
 * at commit, held sends at rollback) adds one delete of the bodies left unreferenced.
 */
final class XABranches implements XABranchStore {

    /** The only state a branch row has: a branch row exists exactly while its branch is prepared. */
    private static final int PREPARED = 1;

    private static final String INSERT_HELD = "INSERT INTO rowmq_message (destination, priority, state, visible_at,"
            + " expires_at, delivery_count, payload, body_id, xa_branch)"
            + " VALUES (?, ?, " + RowState.HELD_SEND + ", ?, ?, 0, ?, ?, ?)";
    private static final String BRANCH_WHERE = " WHERE format_id = ? AND gtrid = ? AND bqual = ?";

    private final JdbcMessageStore store;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final DatabaseClock clock;
    private final MessageWriter writer;
    private final Redelivery redelivery;
    private final Arrivals arrivals;
    private final String nodeId;
    private final StoreMetrics metrics;

    XABranches(JdbcMessageStore store, DataSource dataSource, Dialect dialect, DatabaseClock clock, MessageWriter writer,
               Redelivery redelivery, Arrivals arrivals, String nodeId, StoreMetrics metrics) {
        this.store = store;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.writer = writer;
        this.redelivery = redelivery;
        this.arrivals = arrivals;
        this.nodeId = nodeId;
        this.metrics = metrics;
    }

    @FunctionalInterface
    private interface BranchWork {
        void run(Connection c) throws SQLException, BranchException;
    }

    // ---- writing a branch -----------------------------------------------------------------------------------------

    @Override
    public void prepare(BranchId branch, List<OutgoingMessage> sends, Collection<Long> receivedIds) throws JMSException {
        long[] received = distinct(receivedIds);
        checkBacklog(sends);
        write("prepare " + branch, c -> {
            long branchRow = insertBranch(c, branch);
            checkTemporaries(c, sends);
            insertHeld(c, sends, branchRow);
            holdReceived(c, received, branchRow);
        });
        // Counted when prepared, like a send into the application's transaction: the branch may yet roll back.
        metrics.sent(sends);
    }

    @Override
    public void commitOnePhase(List<OutgoingMessage> sends, Collection<Long> receivedIds) throws JMSException {
        long[] received = distinct(receivedIds);
        checkBacklog(sends);
        Set<String> destinations = new LinkedHashSet<>();
        Map<String, Integer> acknowledged = new HashMap<>();
        write("commit a branch in one phase", c -> {
            lockReceived(c, received);
            checkTemporaries(c, sends);
            Rows rows = writer.fanOut(c, sends); // a topic message: one body, one narrow row per subscription
            destinations.clear();
            destinations.addAll(rows.destinations());
            writer.insert(c, rows, clock.now());
            acknowledged.clear();
            writer.delete(c, received, nodeId, acknowledged);
            if (!destinations.isEmpty() && dialect.notifies())
                dialect.notifyArrivals(c, Arrivals.payload(nodeId, destinations));
        });
        arrivals.arrived(destinations);
        metrics.sent(sends);
        acknowledged.forEach(metrics::acknowledged);
    }

    /**
     * Runs work in one transaction, telling a rollback (nothing written) from a failed commit (outcome unknown). A
     * deadlock victim, at a statement or at the commit (a Galera certification failure: rolled back on every node),
     * left nothing behind, so the whole unit runs again ({@link Jdbc#retryingVictims}); the work must start afresh
     * each time.
     */
    private void write(String what, BranchWork work) throws BranchException {
        BranchException[] refused = new BranchException[1];
        try {
            Jdbc.retryingVictims(() -> {
                refused[0] = null;
                try {
                    writeOnce(what, work);
                } catch (BranchException e) {
                    refused[0] = e;
                }
                return null;
            });
        } catch (SQLException e) {
            throw databaseFailure(what, e); // no connection, or a victim every time: nothing was written
        }
        if (refused[0] != null) throw refused[0];
    }

    /** One attempt of {@link #write}; throws SQLException only for a deadlock victim or when no connection came. */
    private void writeOnce(String what, BranchWork work) throws SQLException, BranchException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try {
                    work.run(c);
                } catch (SQLException | BranchException | RuntimeException e) {
                    Jdbc.rollbackQuietly(c, e);
                    if (e instanceof BranchException b) throw b;
                    if (e instanceof SQLException sql) {
                        if (Jdbc.isVictim(sql)) throw sql;
                        throw databaseFailure(what, sql);
                    }
                    throw (RuntimeException) e;
                }
                try {
                    c.commit();
                } catch (SQLException e) {
                    if (Jdbc.isVictim(e)) throw e;
                    throw new BranchException(BranchException.Reason.OUTCOME_UNKNOWN, "RowMQ could not " + what
                            + ": the database's commit failed, so it may or may not have been written: "
                            + e.getMessage(), e);
                }
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // A broken connection: the pool discards it; the outcome above stands.
                }
            }
        }
    }

    private static BranchException databaseFailure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")";
        return new BranchException(BranchException.Reason.DATABASE_FAILURE, "RowMQ could not " + what
                + "; nothing was written: " + e.getMessage() + state, e);
    }

    private void checkBacklog(List<OutgoingMessage> sends) throws BranchException {
        try {
            store.checkBacklog(sends);
        } catch (ResourceAllocationException e) {
            throw new BranchException(BranchException.Reason.SEND_REFUSED, e.getMessage(), e);
        } catch (JMSException e) {
            throw new BranchException(BranchException.Reason.DATABASE_FAILURE, e.getMessage(), e);
        }
    }

    private void checkTemporaries(Connection c, List<OutgoingMessage> sends) throws SQLException, BranchException {
        for (String d : destinations(sends)) {
            if (!MessageWriter.isTemporary(d)) continue;
            InvalidDestinationException invalid = writer.checkTemporary(c, d);
            if (invalid != null) throw new BranchException(BranchException.Reason.SEND_REFUSED, invalid.getMessage(), invalid);
        }
    }

    /** Inserts the branch row and returns its id; a unique-key violation means the Xid is already prepared. */
    private long insertBranch(Connection c, BranchId branch) throws SQLException, BranchException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rowmq_xa_branch"
                + " (format_id, gtrid, bqual, state, prepared_at, node) VALUES (?, ?, ?, ?, ?, ?)")) {
            bindXid(ps, 1, branch);
            ps.setInt(4, PREPARED);
            ps.setLong(5, clock.now());
            ps.setString(6, nodeId);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new BranchException(BranchException.Reason.DUPLICATE_XID, "a branch with " + branch
                        + " is already prepared", e);
            }
            throw e;
        }
        Long id = branchRow(c, branch, false);
        if (id == null) throw new SQLException("the branch row of " + branch + " vanished inside its own transaction");
        return id;
    }

    /**
     * Inserts the branch's sends held (invisible); a topic message becomes one body and one held narrow row per
     * matching subscription, the same rows as a local send.
     */
    private void insertHeld(Connection c, List<OutgoingMessage> sends, long branchRow) throws SQLException {
        writer.insert(c, writer.fanOut(c, sends), clock.now(), INSERT_HELD, true, branchRow);
    }

    /** Moves the received rows from in flight (this node's) to held, tagged with the branch. */
    private void holdReceived(Connection c, long[] received, long branchRow) throws SQLException, BranchException {
        if (received.length == 0) return;
        lockReceived(c, received);
        dialect.updateIds(c, "UPDATE rowmq_message SET state = " + RowState.HELD_ACK + ", xa_branch = ? WHERE ", received, ps -> {
            ps.setLong(1, branchRow);
            return 2;
        });
    }

    /** Locks the received rows; every one must still be in flight for this node, or another consumer may have it. */
    private void lockReceived(Connection c, long[] received) throws SQLException, BranchException {
        if (received.length == 0) return;
        List<Redelivery.InFlight> held = redelivery.lockOwned(c, nodeId, received);
        if (held.size() != received.length) {
            throw new BranchException(BranchException.Reason.RECEIVED_MESSAGE_LOST, (received.length - held.size())
                    + " of the " + received.length + " messages received in the branch are no longer held by this"
                    + " node (its lease lapsed and they were redelivered), so the branch cannot commit", null);
        }
    }

    // ---- settling a prepared branch ---------------------------------------------------------------------------

    @Override
    public boolean commit(BranchId branch) throws JMSException {
        Set<String> ready = new LinkedHashSet<>();
        Map<String, Integer> acknowledged = new HashMap<>();
        boolean found = settle("commit " + branch, c -> {
            ready.clear();
            acknowledged.clear(); // a settle run again after a deadlock victim counts its acknowledgements once
            Long row = branchRow(c, branch, true);
            if (row == null) return false;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT destination FROM rowmq_message WHERE xa_branch = ? AND state = " + RowState.HELD_SEND)) {
                ps.setLong(1, row);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ready.add(rs.getString(1));
                }
            }
            update(c, "UPDATE rowmq_message SET state = " + RowState.READY + ", xa_branch = NULL WHERE xa_branch = ? AND state = "
                    + RowState.HELD_SEND, row);
            deleteWithBodies(c, "DELETE FROM rowmq_message WHERE xa_branch = ? AND state = " + RowState.HELD_ACK, row,
                    acknowledged);
            update(c, "DELETE FROM rowmq_xa_branch WHERE id = ?", row);
            if (!ready.isEmpty() && dialect.notifies()) dialect.notifyArrivals(c, Arrivals.payload(nodeId, ready));
            return true;
        });
        arrivals.arrived(ready);
        acknowledged.forEach(metrics::acknowledged);
        return found;
    }

    @Override
    public boolean rollback(BranchId branch) throws JMSException {
        Set<String> ready = new LinkedHashSet<>();
        boolean found = settle("roll back " + branch, c -> {
            ready.clear();
            Long row = branchRow(c, branch, true);
            if (row == null) return false;
            deleteWithBodies(c, "DELETE FROM rowmq_message WHERE xa_branch = ? AND state = " + RowState.HELD_SEND, row, null);
            List<Redelivery.InFlight> received = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, destination, delivery_count FROM rowmq_message"
                    + " WHERE xa_branch = ? AND state = " + RowState.HELD_ACK + " FOR UPDATE")) {
                ps.setLong(1, row);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) received.add(new Redelivery.InFlight(rs.getLong(1), rs.getString(2), rs.getInt(3), true));
                }
            }
            if (!received.isEmpty()) {
                update(c, "UPDATE rowmq_message SET xa_branch = NULL WHERE xa_branch = ? AND state = " + RowState.HELD_ACK, row);
                ready.addAll(redelivery.redeliver(c, received, clock.now()));
            }
            update(c, "DELETE FROM rowmq_xa_branch WHERE id = ?", row);
            if (!ready.isEmpty() && dialect.notifies()) dialect.notifyArrivals(c, Arrivals.payload(nodeId, ready));
            return true;
        });
        arrivals.arrived(ready);
        return found;
    }

    @FunctionalInterface
    private interface Settlement {
        boolean run(Connection c) throws SQLException;
    }

    /**
     * Runs a settlement in one transaction; a deadlock victim (on Galera, a certification failure at commit: rolled
     * back on every node) runs again whole, so the work must start afresh each time.
     */
    private boolean settle(String what, Settlement work) throws JMSException {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.retryingVictims(() -> Jdbc.inTransaction(c, () -> work.run(c)));
        } catch (SQLException e) {
            throw StoreErrors.failure(what, e);
        }
    }

    @Override
    public List<BranchId> prepared() throws JMSException {
        List<BranchId> result = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT format_id, gtrid, bqual FROM rowmq_xa_branch WHERE state = ?"
                     + " ORDER BY id")) {
            ps.setInt(1, PREPARED);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) result.add(new BranchId(rs.getInt(1), rs.getBytes(2), rs.getBytes(3)));
            }
        } catch (SQLException e) {
            throw StoreErrors.failure("list the prepared XA branches", e);
        }
        return result;
    }

    @Override
    public boolean isPrepared(BranchId branch) throws JMSException {
        try (Connection c = dataSource.getConnection()) {
            return branchRow(c, branch, false) != null;
        } catch (SQLException e) {
            throw StoreErrors.failure("look up " + branch, e);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static Long branchRow(Connection c, BranchId branch, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM rowmq_xa_branch" + BRANCH_WHERE
                + (lock ? " FOR UPDATE" : ""))) {
            bindXid(ps, 1, branch);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static void bindXid(PreparedStatement ps, int index, BranchId branch) throws SQLException {
        ps.setInt(index, branch.getFormatId());
        ps.setBytes(index + 1, branch.getGlobalTransactionId());
        ps.setBytes(index + 2, branch.getBranchQualifier());
    }

    private static void update(Connection c, String sql, long branchRow) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, branchRow);
            ps.executeUpdate();
        }
    }

    /**
     * Deletes the branch's rows matched by {@code delete} and the bodies only they referenced, counting the rows per
     * destination into {@code perDestination} unless it is null.
     */
    private void deleteWithBodies(Connection c, String delete, long branchRow, Map<String, Integer> perDestination)
            throws SQLException {
        Set<Long> bodies = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.returningBodies(delete))) {
            ps.setLong(1, branchRow);
            Dialect.readBodies(ps, bodies, perDestination);
        }
        Bodies.deleteUnreferenced(c, bodies);
    }

    private static long[] distinct(Collection<Long> ids) {
        return Jdbc.toArray(new LinkedHashSet<>(ids));
    }

    private static Set<String> destinations(List<OutgoingMessage> sends) {
        Set<String> names = new LinkedHashSet<>();
        for (OutgoingMessage m : sends) names.add(m.destination());
        return names;
    }
}
