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

    /**
     * How many times a transaction the database chose as a deadlock victim is run again before the failure stands. On a
     * Galera cluster JVMs on different nodes claim the same head rows (row locks are local to a node) and all but one
     * lose at commit, so a loser may lose a few times in a row while others keep claiming.
     */
    static final int VICTIM_ATTEMPTS = 10;
    /** The longest pause between two attempts; the pauses grow from a millisecond towards it, at random below it. */
    private static final int MAX_VICTIM_PAUSE_MILLIS = 64;

    /**
     * Runs work that is one whole transaction (or one autocommit statement), again when the database rolled it back
     * as a deadlock or serialization victim (SQLState class 40: MariaDB and H2 report 40001, PostgreSQL 40P01 or
     * 40001). Such a victim left nothing behind, so running it again cannot duplicate anything; claims on MariaDB
     * meet these when a claim's locking read crosses an application transaction that deletes rows of the same queue,
     * and every write on Galera when another node's transaction on the same rows certified first (a certification
     * failure at commit, reported as a deadlock: the transaction was rolled back on every node). The pause is random
     * so that losers do not meet again in step.
     */
    static <T> T retryingVictims(SqlWork<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.run();
            } catch (SQLException e) {
                if (attempt >= VICTIM_ATTEMPTS || !isVictim(e)) throw e;
                try {
                    int bound = Math.min(MAX_VICTIM_PAUSE_MILLIS, 1 << attempt);
                    Thread.sleep(1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(bound));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * True when the statement failed because the connection to the server was lost or replaced: SQLState class 08,
     * PostgreSQL's 57P01-57P03 (the server shut down or is starting), or MariaDB Connector/J's 25S03 (it reconnected
     * to another host; the transaction in progress is gone).
     */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("25S03"));
    }

    static boolean isVictim(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("40001") || state.equals("40P01"));
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
