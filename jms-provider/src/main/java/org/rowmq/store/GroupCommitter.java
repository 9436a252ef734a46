package org.rowmq.store;

import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The store's group commit: a thread and a connection that write the work of many callers in one database
 * transaction. While one group commits, the next one gathers in the queue, so the group grows with the load: one
 * caller alone waits for one commit, many callers share each commit. Before it writes, a group also waits a moment
 * for the callers the last commit released (see {@link Gathering}), so that a producer's next send and a consumer's
 * next acknowledgement share one commit instead of taking turns. Units leave the queue in the order they came, and a
 * group completes its units' futures in that order: the writes of one {@link WriteOrder} commit in call order.
 *
 * <p>Cost on this path, per message: a send is one row of one JDBC batch (one multi-row INSERT on PostgreSQL with
 * reWriteBatchedInserts); an acknowledgement is one id of one {@code DELETE ... WHERE id = ANY(?)} (IN lists elsewhere);
 * a delivery mark (a message about to reach the application, see {@link MessageWriter#markDelivered}) is one id of
 * one {@code UPDATE}, only in groups that carry marks; the whole group shares one commit, plus on PostgreSQL one
 * {@code pg_notify} when it inserted (inside the publish statement when the group published). So a group of k units
 * costs 2 statements + 1 notify + 1 commit, not k of each; on PostgreSQL a group without sends to temporary
 * destinations is one statement that commits itself ({@link PostgresGroupWrite}, {@link #writeInOneStatement}), one
 * round trip in all. A publish to k subscriptions is 1 body row and k narrow
 * rows: on PostgreSQL all of the group's publishes are part of that statement, which also reads the subscriptions
 * ({@link PostgresPublish}); elsewhere one indexed read of the topic's subscriptions per group, one more batch for the
 * bodies, and the rows in the row batch. Acknowledging subscription rows deletes their bodies once unreferenced: on
 * PostgreSQL in the acknowledgement's own statement, elsewhere in one more ({@link Dialect#deleteAcknowledged}).
 * Queue-only groups run none of these.
 *
 * <p>A group the database rolled back as a deadlock victim (on Galera, a certification failure at commit) left nothing
 * behind and is run again whole, a few times. Any other failing group is rolled back and its units retried one by one,
 * so one bad unit fails alone; a group whose statements failed because the connection died runs once more on a new
 * connection (nothing of it was committed). When the commit itself fails otherwise (the connection dropped) the
 * outcome is unknown: those units fail without a retry (a retry could store them twice).
 */
final class GroupCommitter {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
    /** Rows per database transaction: large enough to amortise the commit, small enough to keep locks short. */
    private static final int MAX_GROUP_ROWS = 1_000;
    /**
     * A connection unused this long is tested before its next group: a restart or failover of the database in the
     * meantime left it dead, and a group written in one statement could not tell that apart from a commit cut off.
     */
    private static final long IDLE_TEST_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final DatabaseClock clock;
    private final MessageWriter writer;
    private final Arrivals arrivals;
    private final String nodeId;
    private final LinkedBlockingQueue<WorkUnit> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private final Gathering gathering = new Gathering();
    private Connection connection;
    /** When the connection was last handed to a group (nanoTime); see {@link #IDLE_TEST_NANOS}. */
    private long lastUsed = System.nanoTime();
    private final StoreMetrics metrics;

    private final LongAdder commits = new LongAdder();
    private final LongAdder units = new LongAdder();
    private final LongAdder rows = new LongAdder();
    /** Everything sent on the committer's connections, failed attempts and retries included. */
    private final StatementCounter statements = new StatementCounter();
    /**
     * Where the committer's time goes, over the groups that committed: gathering, writing (the database's round trips
     * and commit), releasing the callers. Each caller waits for all three, once per write it waits for, so these
     * tell what bounds a session that waits for every send or acknowledgement.
     */
    private final LongAdder gatheringNanos = new LongAdder();
    private final LongAdder writingNanos = new LongAdder();
    private final LongAdder releasingNanos = new LongAdder();

    GroupCommitter(DataSource dataSource, Dialect dialect, DatabaseClock clock, MessageWriter writer, Arrivals arrivals,
                   String nodeId, StoreMetrics metrics) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.dialect = dialect;
        this.clock = clock;
        this.writer = writer;
        this.arrivals = arrivals;
        this.nodeId = nodeId;
        this.thread = new Thread(this::run, "rowmq-group-commit-" + nodeId);
        thread.setDaemon(true);
        thread.start();
    }

    WriteOrder newOrder() {
        return new WriteOrder();
    }

    void submit(WriteOrder order, WorkUnit unit) {
        unit.order = order;
        if (closed) {
            unit.fail(new JMSException("RowMQ store is closed; could not " + unit.describe()));
            return;
        }
        queue.add(unit);
        // Closed meanwhile: whoever removes the unit from the queue fails it, so it can neither hang nor fail twice.
        if (closed && queue.remove(unit)) {
            unit.fail(new JMSException("RowMQ store is closed; could not " + unit.describe()));
        }
    }

    /**
     * Group commits, units, rows and statements (their commits included) so far, then the nanoseconds the committed
     * groups spent gathering, writing and releasing their callers.
     */
    long[] counters() {
        return new long[]{commits.sum(), units.sum(), rows.sum(), statements.count(), gatheringNanos.sum(),
                writingNanos.sum(), releasingNanos.sum()};
    }

    /** Commits what was submitted before, then stops. */
    void close() {
        closed = true;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<WorkUnit> left = new ArrayList<>();
        queue.drainTo(left);
        for (WorkUnit u : left) {
            u.fail(new JMSException("RowMQ store closed before it could " + u.describe()));
        }
        discardConnection();
    }

    private void run() {
        List<WorkUnit> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                WorkUnit first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                long gatherStarted = System.nanoTime();
                gathering.start(gatherStarted);
                int groupRows = 0;
                WorkUnit next = first;
                do {
                    group.add(next);
                    gathering.joined(next);
                    groupRows += next.rows();
                    if (groupRows >= MAX_GROUP_ROWS) break;
                    next = queue.poll();
                    long wait;
                    if (next == null && (wait = gathering.waitNanos(System.nanoTime())) > 0) {
                        next = queue.poll(wait, TimeUnit.NANOSECONDS);
                    }
                } while (next != null);
                process(group, System.nanoTime() - gatherStarted);
            } catch (InterruptedException e) {
                // Nothing of the group was written: its callers learn it now rather than wait for ever.
                for (WorkUnit u : group) u.fail(new JMSException("RowMQ's group commit was stopped before it could "
                        + u.describe()));
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("Group commit failed unexpectedly", e);
                for (WorkUnit u : group) u.fail(e);
            } finally {
                group.clear();
            }
        }
    }

    private void process(List<WorkUnit> group, long gatheredNanos) {
        process(group, true, gatheredNanos);
    }

    /**
     * @param mayReconnect whether a group whose statements failed on a connection found dead may run once more on a
     *                     new one: nothing of it was committed (the failure came before the commit), and after a
     *                     database restart or failover the committer's connection is dead on its first use
     * @param gatheredNanos how long the group gathered (0 for a unit retried alone), counted if it commits
     */
    private void process(List<WorkUnit> group, boolean mayReconnect, long gatheredNanos) {
        long started = System.nanoTime();
        long statementsBefore = statements.count();
        Connection c;
        try {
            c = connection();
        } catch (SQLException e) {
            for (WorkUnit u : group) u.fail(StoreErrors.failure(u.describe(), e));
            return;
        }
        List<WorkUnit> written;
        Set<String> destinations = new LinkedHashSet<>();
        Map<String, Integer> acknowledged = new HashMap<>();
        Map<WorkUnit, JMSException> refused = new IdentityHashMap<>();
        try {
            written = Jdbc.retryingVictims(() -> writeAndCommit(c, group, destinations, acknowledged, refused));
        } catch (UnknownOutcome e) {
            discardConnection();
            for (WorkUnit u : group) {
                JMSException refusal = refused.get(u);
                u.fail(refusal != null ? refusal : StoreErrors.outcomeUnknown(u.describe(),
                        e.getCause() instanceof SQLException sql ? sql : e));
            }
            return;
        } catch (SQLException e) {
            // A lost lease is one unit's fault on a healthy connection; any other failure may be the connection's.
            boolean leaseLost = e instanceof LeaseLostException;
            if (!leaseLost && mayReconnect && (Jdbc.connectionLost(e) || !usable(c))) {
                discardConnection();
                process(group, false, gatheredNanos);
            } else if (group.size() > 1 && (leaseLost || usable(c))) {
                for (WorkUnit u : group) process(List.of(u), 0);
            } else {
                if (!leaseLost) discardConnection();
                for (WorkUnit u : group) u.fail(StoreErrors.failure(u.describe(), e));
            }
            return;
        }
        int groupRows = 0;
        for (WorkUnit u : written) groupRows += u.rows();
        long nanos = System.nanoTime() - started;
        gathering.written(written, nanos);
        gatheringNanos.add(gatheredNanos);
        writingNanos.add(nanos);
        commits.increment();
        units.add(written.size());
        rows.add(groupRows);
        metrics.groupCommitted(written.size(), groupRows, (int) (statements.count() - statementsBefore), nanos);
        // Counted before the callers are released, so that a caller sees its own work in the metrics.
        for (WorkUnit u : written) metrics.sent(u.sends);
        acknowledged.forEach(metrics::acknowledged);
        // Wake consumers first: the rows are committed, and a sender released first might race ahead of the wake-up.
        arrivals.arrived(destinations);
        // In the group's order, refusals included: a session's async sends complete in the order it made them.
        for (WorkUnit u : group) {
            JMSException refusal = refused.get(u);
            if (refusal != null) u.fail(refusal);
            else u.succeed();
        }
        releasingNanos.add(System.nanoTime() - started - nanos);
    }

    /**
     * The group's statements and their commit. A statement that fails, or a commit the database refused as a deadlock
     * victim (on Galera: a certification failure, the transaction rolled back on every node), leaves nothing behind:
     * thrown as it is, for {@link Jdbc#retryingVictims} to run the group again. Any other commit failure leaves the
     * outcome unknown: thrown as {@link UnknownOutcome}, never run again.
     */
    private List<WorkUnit> writeAndCommit(Connection c, List<WorkUnit> group, Set<String> destinations,
                                          Map<String, Integer> acknowledged, Map<WorkUnit, JMSException> refused)
            throws SQLException {
        List<WorkUnit> written;
        acknowledged.clear(); // a group run again after a deadlock victim counts its acknowledgements once
        refused.clear();
        if (dialect.writesGroupsInOneStatement() && PostgresGroupWrite.takes(group)
                && writeInOneStatement(c, group, destinations, acknowledged)) {
            return group;
        }
        try {
            written = writeAll(c, group, destinations, acknowledged, refused);
        } catch (SQLException e) {
            Jdbc.rollbackQuietly(c, e);
            throw e;
        }
        try {
            c.commit();
        } catch (SQLException e) {
            if (!Jdbc.isVictim(e)) throw new UnknownOutcome(e);
            Jdbc.rollbackQuietly(c, e);
            throw e;
        }
        return written;
    }

    /**
     * The group as one statement in autocommit ({@link PostgresGroupWrite}): its commit needs no round trip of its own.
     * Measured (benchmark, private PostgreSQL, 2 runs each): 4 x 4 4,222 and 4,214 msg/s with the statement and a
     * separate COMMIT, 4,506 and 5,218 in autocommit; 1 x 1 1,623 and 1,735 against 1,897 and 2,063. The price: an
     * error the server reports rolled the statement back, but a connection that broke under it leaves the commit's
     * outcome unknown, where the portable path knows a failure before its COMMIT wrote nothing and runs the group
     * again on a new connection. So a connection idle for a while is tested first ({@link #connection()}): a database
     * restarted or failed over meanwhile costs nothing unknown. Returns false, with nothing written and the connection
     * back in a transaction, when the statement refused the group over a lost lease.
     */
    private boolean writeInOneStatement(Connection c, List<WorkUnit> group, Set<String> destinations,
                                        Map<String, Integer> acknowledged) throws SQLException {
        boolean written;
        c.setAutoCommit(true); // sends nothing: a connection found closed here fails as before any statement
        try {
            written = PostgresGroupWrite.write(c, group, clock.now(), nodeId, arrivals.othersListen(), destinations,
                    acknowledged, writer.publish());
        } catch (SQLException e) {
            if (Jdbc.connectionLost(e)) throw new UnknownOutcome(e);
            c.setAutoCommit(false);
            throw e;
        }
        c.setAutoCommit(false);
        return written;
    }

    /** A commit that failed without saying whether it took effect. */
    private static final class UnknownOutcome extends SQLException {
        UnknownOutcome(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }

    /**
     * The group's statements, uncommitted. Units sending to a deleted temporary destination are left out, with their
     * exception in {@code refused}.
     * A topic message becomes one body and one narrow row per matching subscription (the fan-out reads the
     * subscriptions in this transaction). {@code destinations} receives what to announce: the queues written, and the topics published to;
     * {@code acknowledged} the rows acknowledged per destination (read from the DELETE itself, no extra statement).
     */
    private List<WorkUnit> writeAll(Connection c, List<WorkUnit> group, Set<String> destinations,
                                    Map<String, Integer> acknowledged, Map<WorkUnit, JMSException> refused)
            throws SQLException {
        List<WorkUnit> written = new ArrayList<>(group.size());
        for (WorkUnit u : group) {
            JMSException invalid = null;
            for (String d : u.destinations()) {
                if (MessageWriter.isTemporary(d) && (invalid = writer.checkTemporary(c, d)) != null) break;
            }
            if (invalid == null) written.add(u);
            else refused.put(u, invalid); // failed once the group's outcome is known, in the group's order
        }
        boolean notify = arrivals.othersListen();
        boolean announced = writer.insertGroup(c, written, clock.now(), destinations, nodeId, notify);
        writer.delete(c, concat(written, u -> u.acknowledgements), nodeId, acknowledged);
        writer.markDelivered(c, concat(written, u -> u.deliveries), nodeId, true);
        writer.markDelivered(c, concat(written, u -> u.deliveriesAhead), nodeId, false);
        if (notify && !announced && !destinations.isEmpty() && dialect.notifies()) {
            dialect.notifyArrivals(c, Arrivals.payload(nodeId, destinations));
        }
        return written;
    }

    /** The ids of one kind (acknowledgements, deliveries) of every unit, in one array. */
    private static long[] concat(List<WorkUnit> units, java.util.function.Function<WorkUnit, long[]> kind) {
        int n = 0;
        for (WorkUnit u : units) n += kind.apply(u).length;
        long[] ids = new long[n];
        int i = 0;
        for (WorkUnit u : units) {
            long[] part = kind.apply(u);
            System.arraycopy(part, 0, ids, i, part.length);
            i += part.length;
        }
        return ids;
    }

    /**
     * The committer's connection. A pooled connection may turn out dead on first use after a database restart (the
     * pool evicts it then); nothing was written on it yet, so taking another is safe. A few attempts, then fail.
     */
    private Connection connection() throws SQLException {
        if (connection != null && dialect.writesGroupsInOneStatement() && System.nanoTime() - lastUsed > IDLE_TEST_NANOS
                && !usable(connection)) {
            discardConnection();
        }
        lastUsed = System.nanoTime();
        SQLException failure = null;
        for (int attempt = 0; connection == null && attempt < 3; attempt++) {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
                connection = statements.counting(c);
            } catch (SQLException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
                c.close();
            }
        }
        if (connection == null) throw failure;
        return connection;
    }

    private static boolean usable(Connection c) {
        try {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private void discardConnection() {
        if (connection == null) return;
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // Broken: closing hands it back for the pool to evict.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the group commit's connection failed", e);
        }
        connection = null;
    }
}
