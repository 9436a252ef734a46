package org.rowmq.spring.boot;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads what the health indicator reports from RowMQ's tables: the schema version (RowMQ's migration history) and
 * this node's row in the node table, whose heartbeat is its lease. Read-only, two statements on one connection; the
 * identifiers are RowMQ's and Flyway's own, never input.
 */
final class StoreProbe {
    private final DataSource dataSource;

    StoreProbe(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** This node's lease, or null when its row is gone (the node was presumed dead and its messages taken over). */
    record Lease(Instant lastHeartbeat, Duration timeout) {
    }

    record Reading(String schemaVersion, Lease lease) {
    }

    Reading read(String nodeId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return new Reading(schemaVersion(c), lease(c, nodeId));
        }
    }

    /**
     * Flyway keeps the history's table and column names in lower case, quoted where the database folds unquoted names
     * to upper case (H2): quoting them with the database's own quote character finds them everywhere.
     */
    private static String schemaVersion(Connection c) throws SQLException {
        String q = c.getMetaData().getIdentifierQuoteString().trim();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + q + "version" + q + " FROM " + q
                + "rowmq_schema_history" + q + " WHERE " + q + "success" + q + " = ? AND " + q + "version" + q
                + " IS NOT NULL ORDER BY " + q + "installed_rank" + q + " DESC")) {
            ps.setBoolean(1, true);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static Lease lease(Connection c, String nodeId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT heartbeat, lease_ms FROM rowmq_node WHERE id = ?")) {
            ps.setString(1, nodeId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Lease(Instant.ofEpochMilli(rs.getLong(1)), Duration.ofMillis(rs.getLong(2))) : null;
            }
        }
    }
}
