package org.rowmq.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The periodic work that keeps the tables tidy, on a thread of its own so that a long run never delays a heartbeat
 * (see {@link NodeLiveness}): re-sampling the database clock, deleting expired rows in bounded batches, and sweeping
 * message bodies no row references any more (see {@link Bodies}).
 */
final class Housekeeping {

    private static final Duration CLOCK_SAMPLING = Duration.ofSeconds(30);
    private static final Duration CLEANUP = Duration.ofSeconds(5);
    private static final int EXPIRY_BATCH = 500;
    private static final int EXPIRY_BATCHES_PER_RUN = 20;
    private static final int BODY_SWEEP_BATCH = 500;
    private static final int BODY_SWEEP_BATCHES_PER_RUN = 20;

    private final DataSource dataSource;
    private final Dialect dialect;
    private final DatabaseClock clock;
    private final Periodic periodic;
    volatile StoreMetrics metrics = StoreMetrics.NONE;
    /** The body id the next sweep continues after; touched only by the sweep (synchronized). */
    private long sweptTo;

    Housekeeping(DataSource dataSource, Dialect dialect, DatabaseClock clock, String nodeId) {
        this.dataSource = dataSource;
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
    }

    void stop() {
        periodic.stop();
    }

    /** Deletes expired rows in bounded batches, each in its own transaction with the bodies only they referenced. */
    private void deleteExpired() throws SQLException {
        String sql = dialect.deleteExpired(EXPIRY_BATCH);
        try (Connection c = dataSource.getConnection()) {
            for (int i = 0; i < EXPIRY_BATCHES_PER_RUN; i++) {
                int deleted = Jdbc.inTransaction(c, () -> {
                    Set<Long> bodies = new HashSet<>();
                    int rows;
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setLong(1, clock.now());
                        rows = Dialect.readBodies(ps, bodies);
                    }
                    Bodies.deleteUnreferenced(c, bodies);
                    return rows;
                });
                metrics.expired(deleted);
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
