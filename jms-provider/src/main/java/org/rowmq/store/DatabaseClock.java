package org.rowmq.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The database's clock, estimated in the JVM: sampled at start and periodically, then advanced with the JVM's
 * monotonic timer. Every visibility and expiry comparison binds {@link #now()}, so nodes with skewed wall clocks
 * agree and the hot path carries no per-dialect time expression.
 */
final class DatabaseClock {

    private record Sample(long databaseMillis, long nanos) {
    }

    private final String query;
    private volatile Sample sample;

    DatabaseClock(Dialect dialect) {
        this.query = dialect.databaseTimeMillis();
    }

    /** Reads the database's time; the midpoint of the round trip stands for the moment it was read. */
    void sample(Connection connection) throws SQLException {
        long before = System.nanoTime();
        long databaseMillis;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            databaseMillis = rs.getLong(1);
        }
        long after = System.nanoTime();
        sample = new Sample(databaseMillis, before + (after - before) / 2);
    }

    /** Epoch milliseconds on the database's clock. */
    long now() {
        Sample s = sample;
        return s.databaseMillis + (System.nanoTime() - s.nanos) / 1_000_000L;
    }
}
