package org.rowmq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The periodic work that keeps the tables tidy, on a thread of its own so that a long run never delays a heartbeat
 * (see {@link NodeLiveness}): re-sampling the database clock, deleting expired rows in bounded batches, sweeping
 * message bodies no row references any more (see {@link Bodies}), writing when subscriptions were last consumed
 * from (see {@link SubscriptionActivity}), publishing this node's traffic counts (see {@link TrafficCounters}) and
 * returning the messages of claims and releases whose answer was lost (see {@link CutReleases}), for a node whose
 * consumers claim no more.
 */
final class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private static final Duration CLOCK_SAMPLING = Duration.ofSeconds(30);
    private static final Duration CLEANUP = Duration.ofSeconds(5);
    /** Often enough for a rate shown every few seconds; a node writes nothing when its counts did not change. */
    private static final Duration TRAFFIC = Duration.ofSeconds(1);
    private static final int EXPIRY_BATCH = 500;
    private static final int EXPIRY_BATCHES_PER_RUN = 20;
    private static final int BODY_SWEEP_BATCH = 500;
    private static final int BODY_SWEEP_BATCHES_PER_RUN = 20;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final DatabaseClock clock;
    private final Periodic periodic;
    private final StoreMetrics metrics;
    private final SubscriptionActivity activity;
    private final TrafficCounters traffic;
    private final Periodic.Task returnCut;
    /** The body id the next sweep continues after; touched only by the sweep (synchronized). */
    private long sweptTo;

    Housekeeping(DataSource dataSource, Dialect dialect, DatabaseClock clock, String nodeId, StoreMetrics metrics,
                 SubscriptionActivity activity, TrafficCounters traffic, Periodic.Task returnCut) {
        this.dataSource = dataSource;
        this.returnCut = returnCut;
        this.metrics = metrics;
        this.activity = activity;
        this.traffic = traffic;
        this.dialect = dialect;
        this.clock = clock;
        this.periodic = new Periodic("rowmq-housekeeping-" + nodeId, nodeId);
    }

    void start() {
        periodic.every(CLOCK_SAMPLING, "read the database clock", () -> {
            try (Connection c = dataSource.getConnection()) {
                clock.sample(c);
            }
        });
        periodic.every(CLEANUP, "delete expired messages", this::deleteExpired);
        periodic.every(CLEANUP, "delete unreferenced message bodies", this::sweepBodies);
        periodic.every(CLEANUP, "record when subscriptions were last consumed from", this::recordSubscriptionActivity);
        periodic.every(TRAFFIC, "publish this node's traffic counts", this::publishTraffic);
        periodic.every(CLEANUP, "return the messages of claims and releases whose answer was lost", returnCut);
        periodic.every(CLEANUP, "delete the traffic counts of nodes that left", () -> {
            try (Connection c = dataSource.getConnection()) {
                TrafficCounters.deleteAbandoned(c, clock.now());
            }
        });
    }

    /**
     * Stops, writing the subscriptions' last claim times and the traffic counts once more, so that a short-lived
     * consumer's activity and the last second's traffic show.
     */
    void stop() {
        periodic.stop();
        try {
            recordSubscriptionActivity();
        } catch (SQLException e) {
            log.debug("RowMQ could not record the subscriptions' last activity at close", e);
        }
        try {
            publishTraffic();
        } catch (SQLException e) {
            log.debug("RowMQ could not publish its last traffic counts at close", e);
        }
    }

    /** Synchronized: the scheduled run and a test's or the closing thread's call never write at once. */
    synchronized int publishTraffic() throws SQLException {
        if (!traffic.changed()) return 0;
        try (Connection c = dataSource.getConnection()) {
            return traffic.write(c, clock.now());
        }
    }

    synchronized int recordSubscriptionActivity() throws SQLException {
        if (!activity.noted()) return 0;
        try (Connection c = dataSource.getConnection()) {
            return activity.write(c);
        }
    }

    /** Deletes expired rows in bounded batches, each in its own transaction with the bodies only they referenced. */
    private void deleteExpired() throws SQLException {
        String sql = dialect.deleteExpired(EXPIRY_BATCH);
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < EXPIRY_BATCHES_PER_RUN; i++) {
                Map<String, Integer> perDestination = new HashMap<>();
                int deleted = Jdbc.inTransaction(c, () -> {
                    Set<Long> bodies = new HashSet<>();
                    int rows;
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setLong(1, clock.now());
                        rows = Dialect.readBodies(ps, bodies, perDestination);
                    }
                    Bodies.deleteUnreferenced(c, bodies);
                    return rows;
                });
                perDestination.forEach(metrics::expired);
                if (deleted < EXPIRY_BATCH) break;
            }
        }
    }

    /**
     * Deletes bodies that lost their last reference without being deleted with it (two transactions deleting the
     * last two references at once each saw the other's row). Bounded per run; continues where the last run stopped.
     * Returns how many bodies went.
     */
    synchronized int sweepBodies() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Bodies.Sweep sweep = Bodies.sweep(c, dialect, sweptTo, BODY_SWEEP_BATCHES_PER_RUN, BODY_SWEEP_BATCH);
            sweptTo = sweep.next();
            return sweep.deleted();
        }
    }
}
