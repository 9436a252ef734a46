package org.rowmq.store;

import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Writes the work of many callers in one database transaction. While one group commits, the next one gathers in the
 * queue, so the group grows with the load: one caller alone waits for one commit, many callers share each commit.
 *
 * <p>Cost on this path, per message: a send is one row of one JDBC batch (one multi-row INSERT on PostgreSQL with
 * reWriteBatchedInserts); an acknowledgement is one id of one {@code DELETE ... WHERE id = ANY(?)} (IN lists elsewhere);
 * the whole group shares one commit, plus on PostgreSQL one {@code pg_notify} when it inserted. So a group of k units
 * costs 2 statements + 1 notify + 1 commit, not k of each. A publish to k subscriptions is 1 body row (in one more
 * batch, shared by the group's publishes) and k narrow rows of the same row batch, plus one indexed read of the
 * topic's subscriptions per group; acknowledging subscription rows adds one statement deleting their bodies once
 * unreferenced. Queue-only groups run none of these.
 *
 * <p>A failing group is rolled back and its units retried one by one, so one bad unit fails alone. When the commit
 * itself fails the outcome is unknown: those units fail without a retry (a retry could store them twice).
 */
final class GroupCommitter {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);
    /** Rows per database transaction: large enough to amortise the commit, small enough to keep locks short. */
    private static final int MAX_GROUP_ROWS = 1_000;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final DatabaseClock clock;
    private final MessageWriter writer;
    private final Arrivals arrivals;
    private final String nodeId;
    private final LinkedBlockingQueue<WorkUnit> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private Connection connection;
    volatile StoreMetrics metrics = StoreMetrics.NONE;

    private final LongAdder commits = new LongAdder();
    private final LongAdder units = new LongAdder();
    private final LongAdder rows = new LongAdder();

    GroupCommitter(DataSource dataSource, Dialect dialect, DatabaseClock clock, MessageWriter writer, Arrivals arrivals,
                   String nodeId) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.writer = writer;
        this.arrivals = arrivals;
        this.nodeId = nodeId;
        this.thread = new Thread(this::run, "rowmq-group-commit-" + nodeId);
        thread.setDaemon(true);
        thread.start();
    }

    void submit(WorkUnit unit) {
        if (closed) {
            unit.done.completeExceptionally(new JMSException("RowMQ store is closed; could not " + unit.describe()));
            return;
        }
        queue.add(unit);
        // Closed meanwhile: whoever removes the unit from the queue fails it, so it can neither hang nor fail twice.
        if (closed && queue.remove(unit)) {
            unit.done.completeExceptionally(new JMSException("RowMQ store is closed; could not " + unit.describe()));
        }
    }

    long[] counters() {
        return new long[]{commits.sum(), units.sum(), rows.sum()};
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
            u.done.completeExceptionally(new JMSException("RowMQ store closed before it could " + u.describe()));
        }
        discardConnection();
    }

    private void run() {
        List<WorkUnit> group = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                WorkUnit first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.add(first);
                int groupRows = first.rows();
                WorkUnit next;
                while (groupRows < MAX_GROUP_ROWS && (next = queue.poll()) != null) {
                    group.add(next);
                    groupRows += next.rows();
                }
                process(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                log.error("Group commit failed unexpectedly", e);
                for (WorkUnit u : group) u.done.completeExceptionally(e);
            } finally {
                group.clear();
            }
        }
    }

    private void process(List<WorkUnit> group) {
        long started = System.nanoTime();
        Connection c;
        try {
            c = connection();
        } catch (SQLException e) {
            for (WorkUnit u : group) u.done.completeExceptionally(StoreErrors.failure(u.describe(), e));
            return;
        }
        List<WorkUnit> written;
        Set<String> destinations = new LinkedHashSet<>();
        try {
            written = writeAll(c, group, destinations);
        } catch (SQLException e) {
            Jdbc.rollbackQuietly(c, e);
            // A lost lease is one unit's fault on a healthy connection; any other failure may be the connection's.
            boolean leaseLost = e instanceof LeaseLostException;
            if (group.size() > 1 && (leaseLost || usable(c))) {
                for (WorkUnit u : group) process(List.of(u));
            } else {
                if (!leaseLost) discardConnection();
                for (WorkUnit u : group) u.done.completeExceptionally(StoreErrors.failure(u.describe(), e));
            }
            return;
        }
        try {
            c.commit();
        } catch (SQLException e) {
            discardConnection();
            for (WorkUnit u : written) {
                u.done.completeExceptionally(StoreErrors.failure(u.describe() + " (the commit failed; whether it took"
                        + " effect is unknown)", e));
            }
            return;
        }
        int groupRows = 0;
        for (WorkUnit u : written) groupRows += u.rows();
        commits.increment();
        units.add(written.size());
        rows.add(groupRows);
        metrics.groupCommitted(written.size(), groupRows, System.nanoTime() - started);
        // Wake consumers first: the rows are committed, and a sender released first might race ahead of the wake-up.
        arrivals.arrived(destinations);
        for (WorkUnit u : written) u.done.complete(null);
    }

    /**
     * The group's statements, uncommitted. Units sending to a deleted temporary destination fail here and are left out.
     * A topic message becomes one body and one narrow row per matching subscription (the fan-out reads the
     * subscriptions in this transaction). {@code destinations} receives what to announce: the queues written, and the topics published to.
     */
    private List<WorkUnit> writeAll(Connection c, List<WorkUnit> group, Set<String> destinations) throws SQLException {
        List<WorkUnit> written = new ArrayList<>(group.size());
        for (WorkUnit u : group) {
            JMSException invalid = null;
            for (String d : u.destinations()) {
                if (MessageWriter.isTemporary(d) && (invalid = writer.checkTemporary(c, d)) != null) break;
            }
            if (invalid == null) written.add(u);
            else u.done.completeExceptionally(invalid);
        }
        long now = clock.now();
        int acknowledgements = 0;
        Rows toInsert = new Rows();
        for (WorkUnit u : written) {
            writer.fanOut(c, u.sends, toInsert, u.selections);
            destinations.addAll(u.destinations());
            acknowledgements += u.acknowledgements.length;
        }
        destinations.addAll(toInsert.destinations());
        writer.insert(c, toInsert, now);
        if (acknowledgements > 0) {
            long[] ids = new long[acknowledgements];
            int i = 0;
            for (WorkUnit u : written) {
                System.arraycopy(u.acknowledgements, 0, ids, i, u.acknowledgements.length);
                i += u.acknowledgements.length;
            }
            writer.delete(c, ids, nodeId);
        }
        if (!destinations.isEmpty() && dialect.notifies()) {
            dialect.notifyArrivals(c, Arrivals.payload(nodeId, destinations));
        }
        return written;
    }

    /**
     * The committer's connection. A pooled connection may turn out dead on first use after a database restart (the
     * pool evicts it then); nothing was written on it yet, so taking another is safe. A few attempts, then fail.
     */
    private Connection connection() throws SQLException {
        SQLException failure = null;
        for (int attempt = 0; connection == null && attempt < 3; attempt++) {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
                connection = c;
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
            log.debug("Closing the group committer's connection failed", e);
        }
        connection = null;
    }
}
