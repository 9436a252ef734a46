package org.rowmq.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Vacuums {@code rowmq_message} on PostgreSQL at the pace of this node's own traffic. Every message leaves two dead
 * row versions (its claim's UPDATE and its acknowledgement's DELETE), and a claim reads the ready index from the head
 * of its queue, where every claimed row left an index entry pointing at a dead version: until a vacuum removes them
 * the claim walks all of them. Autovacuum looks at a table at most once per {@code autovacuum_naptime} (a minute by
 * default), long enough at a few thousand messages a second for some 500,000 dead versions to pile up, which made
 * claims cost ten times their usual 0.07 ms. Measured (benchmark, private PostgreSQL, 4 x 4, 10 s windows,
 * 2026-12-04): without, a claim's scan read 500 buffers (3.6 ms) with 197,000 dead versions in the table, and
 * PostgreSQL spent 184-192 µs of CPU per message; with a VACUUM every second, 146-151 µs, at 4,650-5,089 msg/s
 * against 4,092-4,652.
 *
 * <p>Only what this node's traffic leaves behind is counted ({@link #DEAD_VERSIONS} since the last vacuum), so an
 * idle node never vacuums, and nodes sharing a database each vacuum for their own share; {@code SKIP_LOCKED} skips
 * the table while another vacuum (autovacuum, another node) holds it. A vacuum of a table holding a large backlog
 * takes longer: the next one waits at least {@link #DUTY_CYCLE} times as long as the last took, so this thread
 * vacuums at most a third of the time. Not less: at tens of thousands of messages a second a longer pause lets the
 * indexes bloat, so the next vacuum takes longer still and the pause after it longer again. Measured (benchmark, 4 x 4
 * in transactions of 100, RowMQ alone, 8 s windows, 2026-12-04, 3 repetitions twice each): waiting ten times as long,
 * 30,383 / 29,568 / 4,675 and 20,491 / 32,663 / 7,198 msg/s, vacuums of 530-716 ms on average and up to 6 s, up to
 * 560,000 dead versions in between; twice as long, 33,118 / 30,344 / 38,971 and 33,372 / 38,628 / 37,556, vacuums of
 * 153-165 ms. A role that does not own the table gets a warning from PostgreSQL and nothing happens.
 */
final class MessageTableVacuum {

    /** Dead row versions, as counted from this node's traffic, that call for a vacuum: the table's autovacuum threshold. */
    static final long DEAD_VERSIONS = 5_000;
    private static final Duration CHECK = Duration.ofSeconds(1);
    private static final int DUTY_CYCLE = 2;

    private final DataSource dataSource;
    private final LongSupplier deadVersions;
    private final Periodic periodic;
    private long countedAtLastVacuum;
    private long notBefore = System.nanoTime();
    private volatile Statement running;
    private volatile boolean stopped;

    /**
     * @param deadVersions the dead row versions this node's traffic has left so far (a running count)
     */
    MessageTableVacuum(DataSource dataSource, LongSupplier deadVersions, String nodeId) {
        this.dataSource = dataSource;
        this.deadVersions = deadVersions;
        this.periodic = new Periodic("rowmq-vacuum-" + nodeId, nodeId);
    }

    void start() {
        periodic.every(CHECK, "vacuum the message table", this::vacuumIfDue);
    }

    /** Stops, cancelling a vacuum under way (the next node's or autovacuum's finishes the work). */
    void stop() {
        stopped = true;
        Statement s = running;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException ignored) {
                // Finished or broken meanwhile: nothing to cancel.
            }
        }
        periodic.stop();
    }

    /** Vacuums when this node's traffic left enough dead versions since the last time; returns whether it did. */
    synchronized boolean vacuumIfDue() throws SQLException {
        long counted = deadVersions.getAsLong();
        if (stopped || counted - countedAtLastVacuum < DEAD_VERSIONS || System.nanoTime() < notBefore) return false;
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true); // VACUUM cannot run inside a transaction
            running = s;
            try {
                s.execute("VACUUM (SKIP_LOCKED, TRUNCATE false) rowmq_message");
            } finally {
                running = null;
            }
        }
        countedAtLastVacuum = counted;
        notBefore = System.nanoTime() + DUTY_CYCLE * (System.nanoTime() - started);
        return true;
    }
}
