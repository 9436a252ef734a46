package org.rowmq.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Small JDBC helpers the store's classes share. */
final class Jdbc {

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** One piece of an id list, ids[from, to): one statement. Returns a count (rows changed, found, ...). */
    @FunctionalInterface
    interface Chunk {
        int run(int from, int to) throws SQLException;
    }

    private Jdbc() {
    }

    /** Runs work in one transaction on a connection that is in autocommit mode, restoring autocommit afterwards. */
    static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // A broken connection: the pool discards it; the original outcome stands.
            }
        }
    }

    /** Runs {@code chunk} over an id list of {@code length} in pieces of at most {@code step}; the counts summed. */
    static int inChunks(int length, int step, Chunk chunk) throws SQLException {
        int sum = 0;
        for (int from = 0; from < length; from += step) sum += chunk.run(from, Math.min(length, from + step));
        return sum;
    }

    static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    static long[] toArray(java.util.Collection<Long> ids) {
        long[] result = new long[ids.size()];
        int i = 0;
        for (Long id : ids) result[i++] = id;
        return result;
    }
}
