package org.rowmq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's row in the node table and the housekeeping every node does: heartbeat, re-sampling the database clock,
 * reaping nodes whose heartbeat is older than the lease (their in-flight rows return to ready with the delivery count
 * raised, their temporary destinations go), and deleting expired rows in bounded batches. All on one daemon thread.
 *
 * <p>Reaping is idempotent and safe when several nodes do it at once: each reap locks the dead node's row first and
 * does nothing if that row is already gone or has a fresh heartbeat.
 */
final class NodeLiveness {

    private static final Logger log = LoggerFactory.getLogger(NodeLiveness.class);
    private static final Duration CLOCK_SAMPLING = Duration.ofSeconds(30);
    private static final Duration EXPIRY_CLEANUP = Duration.ofSeconds(5);
    private static final int EXPIRY_BATCH = 500;
    private static final int EXPIRY_BATCHES_PER_RUN = 20;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final DatabaseClock clock;
    private final Redelivery redelivery;
    private final Arrivals arrivals;
    private final String nodeId;
    private final Duration heartbeat;
    private final Duration leaseTimeout;
    private final ScheduledExecutorService scheduler;
    private volatile boolean failing;

    NodeLiveness(DataSource dataSource, Dialect dialect, DatabaseClock clock, Redelivery redelivery, Arrivals arrivals,
                 String nodeId, Duration heartbeat, Duration leaseTimeout) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.redelivery = redelivery;
        this.arrivals = arrivals;
        this.nodeId = nodeId;
        this.heartbeat = heartbeat;
        this.leaseTimeout = leaseTimeout;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rowmq-node-" + nodeId);
            t.setDaemon(true);
            return t;
        });
    }

    void register(Connection c) throws SQLException {
        long now = clock.now();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rowmq_node (id, heartbeat, started) VALUES (?, ?, ?)")) {
            ps.setString(1, nodeId);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.executeUpdate();
        }
    }

    void start() {
        long beat = heartbeat.toMillis();
        scheduler.scheduleAtFixedRate(() -> guarded("heartbeat", this::beat), beat, beat, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> guarded("reap dead nodes", this::reapDeadNodes), beat, beat, TimeUnit.MILLISECONDS);
        long sampling = CLOCK_SAMPLING.toMillis();
        scheduler.scheduleWithFixedDelay(() -> guarded("read the database clock", () -> {
            try (Connection c = dataSource.getConnection()) {
                clock.sample(c);
            }
        }), sampling, sampling, TimeUnit.MILLISECONDS);
        long cleanup = EXPIRY_CLEANUP.toMillis();
        scheduler.scheduleWithFixedDelay(() -> guarded("delete expired messages", this::deleteExpired),
                cleanup, cleanup, TimeUnit.MILLISECONDS);
    }

    /** Stops housekeeping and gives up this node: its in-flight rows and temporary destinations go as for a dead node. */
    void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            reap(nodeId, Long.MAX_VALUE);
        } catch (SQLException e) {
            log.warn("RowMQ could not remove node {} at close; another node will reap it after the lease", nodeId, e);
        }
    }

    private interface Task {
        void run() throws SQLException;
    }

    /** Housekeeping must survive database outages: log the first failure loudly, then quietly until it recovers. */
    private void guarded(String what, Task task) {
        try {
            task.run();
            if (failing) log.info("RowMQ node {} could {} again", nodeId, what);
            failing = false;
        } catch (SQLException | RuntimeException e) {
            if (!failing) log.warn("RowMQ node {} could not {}", nodeId, what, e);
            else log.debug("RowMQ node {} could not {}", nodeId, what, e);
            failing = true;
        }
    }

    private void beat() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE rowmq_node SET heartbeat = ? WHERE id = ?")) {
                ps.setLong(1, clock.now());
                ps.setString(2, nodeId);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                log.warn("RowMQ node {} was presumed dead by another node (no heartbeat for {}); its in-flight messages"
                        + " were redelivered and its temporary destinations deleted. Registering again.", nodeId, leaseTimeout);
                register(c);
            }
        }
    }

    /** Reaps every node whose heartbeat is older than the lease. Returns how many this call reaped. */
    int reapDeadNodes() throws SQLException {
        long deadline = clock.now() - leaseTimeout.toMillis();
        List<String> dead = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM rowmq_node WHERE heartbeat < ? AND id <> ?")) {
            ps.setLong(1, deadline);
            ps.setString(2, nodeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) dead.add(rs.getString(1));
            }
        }
        int reaped = 0;
        for (String node : dead) {
            if (reap(node, deadline)) reaped++;
        }
        return reaped;
    }

    /** Reaps one node if its heartbeat is still older than {@code deadline}; false when another node did it first. */
    private boolean reap(String node, long deadline) throws SQLException {
        Set<String> ready = new LinkedHashSet<>();
        boolean reaped;
        try (Connection c = dataSource.getConnection()) {
            reaped = Jdbc.inTransaction(c, () -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT id FROM rowmq_node WHERE id = ? AND heartbeat < ? FOR UPDATE")) {
                    ps.setString(1, node);
                    ps.setLong(2, deadline);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) return false;
                    }
                }
                List<String> temporaries = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT name FROM rowmq_destination WHERE owner_node = ?")) {
                    ps.setString(1, node);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) temporaries.add(rs.getString(1));
                    }
                }
                for (String name : temporaries) Destinations.deleteWithMessages(c, name);
                List<Redelivery.InFlight> rows = redelivery.lockAllOwned(c, node);
                if (!rows.isEmpty()) ready.addAll(redelivery.redeliver(c, rows, clock.now()));
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM rowmq_node WHERE id = ?")) {
                    ps.setString(1, node);
                    ps.executeUpdate();
                }
                if (!ready.isEmpty() && dialect.notifies()) dialect.notifyArrivals(c, Arrivals.payload(nodeId, ready));
                if (!node.equals(nodeId)) {
                    log.info("RowMQ node {} reaped node {}: {} in-flight messages redelivered, {} temporary destinations"
                            + " deleted", nodeId, node, rows.size(), temporaries.size());
                }
                return true;
            });
        }
        arrivals.arrived(ready);
        return reaped;
    }

    private void deleteExpired() throws SQLException {
        String sql = dialect.deleteExpired(EXPIRY_BATCH);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < EXPIRY_BATCHES_PER_RUN; i++) {
                ps.setLong(1, clock.now());
                if (ps.executeUpdate() < EXPIRY_BATCH) break;
            }
        }
    }
}
