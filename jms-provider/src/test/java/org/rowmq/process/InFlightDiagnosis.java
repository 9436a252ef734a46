package org.rowmq.process;

import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * For failure messages only: which nodes own a queue's in-flight rows and which nodes the node table knows, read with
 * plain SQL from RowMQ's tables. An owner missing from the node table is a row no reaper will ever return.
 */
final class InFlightDiagnosis {
    private InFlightDiagnosis() {
    }

    static String describe(TestDatabase db, String queue) {
        try (Connection c = db.connect()) {
            List<String> owners = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT owner_node, COUNT(*), MIN(delivery_count), MAX(delivery_count)"
                    + " FROM rowmq_message WHERE destination = ? AND state = 1 GROUP BY owner_node")) {
                ps.setString(1, queue);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        owners.add(rs.getString(1) + ": " + rs.getLong(2) + " rows, stored delivery count "
                                + rs.getInt(3) + ".." + rs.getInt(4));
                    }
                }
            }
            List<String> nodes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, heartbeat FROM rowmq_node ORDER BY heartbeat");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) nodes.add(rs.getString(1) + " (heartbeat " + rs.getLong(2) + ")");
            }
            return "\n  in-flight rows by owner: " + owners + "\n  node table: " + nodes;
        } catch (SQLException e) {
            return "\n  (could not read RowMQ's tables for a diagnosis: " + e + ")";
        }
    }
}
