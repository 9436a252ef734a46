package org.rowmq.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * PostgreSQL's own view of a run, read before and after the measured window: transactions that wrote (the cluster's
 * next transaction ID moves once per writing transaction, read-only ones take none), statements executed in the
 * provider's database (pg_stat_statements, without BEGIN/COMMIT/ROLLBACK and without these readings), and the
 * background work that competes with the run for the same CPUs and disk: the cluster's checkpoints, the autovacuum
 * and autoanalyze runs on the provider's tables (a run far below its siblings usually has more of them), and the
 * VACUUMs a client ran (RowMQ vacuums its message table at its own traffic's pace on PostgreSQL).
 */
record DbCounters(long writingTransactions, long statements, long checkpoints, long autovacuums, long vacuums) {

    private static final String READING = """
            SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint,
                   (SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
                     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                       AND query NOT LIKE '%pg_stat_statements%'
                       AND upper(query) NOT IN ('BEGIN', 'COMMIT', 'ROLLBACK')),
                   (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter),
                   (SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0) FROM pg_stat_all_tables),
                   (SELECT coalesce(sum(vacuum_count), 0) FROM pg_stat_all_tables)""";

    /** Null when the database does not offer the readings (no pg_stat_statements): the table then shows none. */
    static DbCounters read(Database.Jdbc jdbc) {
        if (jdbc == null) return null;
        try (Connection c = jdbc.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(READING)) {
            rs.next();
            return new DbCounters(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        } catch (SQLException e) {
            return null;
        }
    }

    DbCounters minus(DbCounters earlier) {
        return new DbCounters(writingTransactions - earlier.writingTransactions, statements - earlier.statements,
                checkpoints - earlier.checkpoints, autovacuums - earlier.autovacuums, vacuums - earlier.vacuums);
    }
}
