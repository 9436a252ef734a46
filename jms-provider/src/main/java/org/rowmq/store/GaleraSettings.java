package org.rowmq.store;

import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What RowMQ needs of a MariaDB Galera cluster, checked when a store opens so that a setting that would lose or
 * stall messages is named at start instead of found in production (docs/operations.md, "Galera"):
 * <ul>
 * <li>the node is in the primary component and synced (otherwise it refuses or stalls every statement);</li>
 * <li>{@code binlog_format=ROW} and {@code innodb_autoinc_lock_mode=2}: Galera replicates row images, and the other
 * auto-increment lock modes can deadlock its appliers against the group committer's multi-row inserts;</li>
 * <li>every table of RowMQ's (and its schema history) is InnoDB with a primary key: Galera replicates only InnoDB,
 * and certifies rows by their key.</li>
 * </ul>
 * Not needed: {@code wsrep_sync_wait} (every decision RowMQ takes on a read is a write that Galera certifies, so a
 * stale read costs a retry, never a duplicate), and {@code wsrep_auto_increment_control} (on by default: interleaved
 * ids per node; when off, two nodes inserting at once collide and retry, which is only slower, so a warning).
 */
final class GaleraSettings {

    private static final Logger log = LoggerFactory.getLogger(GaleraSettings.class);

    private GaleraSettings() {
    }

    /** True when {@code c} reaches a MariaDB node replicating with Galera (wsrep on). */
    static boolean replicates(Connection c) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@wsrep_on")) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            return false; // a server built without wsrep has no such variable
        }
    }

    /** Refuses settings and tables that Galera does not replicate safely; names each and what to change. */
    static void check(Connection c) throws JMSException, SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@binlog_format,"
                + " @@innodb_autoinc_lock_mode, @@wsrep_auto_increment_control, @@auto_increment_increment")) {
            rs.next();
            if (!"ROW".equalsIgnoreCase(rs.getString(1))) {
                problems.add("binlog_format is " + rs.getString(1) + "; set binlog_format=ROW");
            }
            if (rs.getInt(2) != 2) {
                problems.add("innodb_autoinc_lock_mode is " + rs.getInt(2) + "; set innodb_autoinc_lock_mode=2");
            }
            if (!rs.getBoolean(3) && rs.getInt(4) <= 1) {
                log.warn("Galera's wsrep_auto_increment_control is off and auto_increment_increment is 1: RowMQ JVMs on"
                        + " different nodes will pick the same message ids and retry each other's inserts; turn"
                        + " wsrep_auto_increment_control on");
            }
        }
        String status = status(c, "wsrep_cluster_status");
        String state = status(c, "wsrep_local_state_comment");
        if (!"Primary".equals(status) || !"Synced".equals(state)) {
            problems.add("this node is " + state + " in a " + status + " component; connect to a synced node of the"
                    + " primary component");
        }
        problems.addAll(unsafeTables(c));
        if (problems.isEmpty()) return;
        throw new JMSException("RowMQ cannot run on this Galera node: " + String.join("; ", problems)
                + " (see \"Running on a cluster\" in RowMQ's README)");
    }

    /** RowMQ's tables in this schema that Galera would not replicate, or would certify without a key. */
    private static List<String> unsafeTables(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT t.table_name, t.engine,"
                + " (SELECT COUNT(*) FROM information_schema.table_constraints k WHERE k.table_schema = t.table_schema"
                + " AND k.table_name = t.table_name AND k.constraint_type = 'PRIMARY KEY')"
                + " FROM information_schema.tables t WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'"
                + " AND t.table_name LIKE 'rowmq\\_%' ORDER BY t.table_name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String table = rs.getString(1);
                if (!"InnoDB".equalsIgnoreCase(rs.getString(2))) {
                    problems.add("table " + table + " uses " + rs.getString(2) + ", which Galera does not replicate;"
                            + " ALTER TABLE " + table + " ENGINE=InnoDB");
                }
                if (rs.getInt(3) == 0) problems.add("table " + table + " has no primary key; give it one");
            }
        }
        return problems;
    }

    private static String status(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT variable_value FROM information_schema.global_status"
                + " WHERE variable_name = ?")) {
            ps.setString(1, name.toUpperCase(java.util.Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "unknown";
            }
        }
    }
}
