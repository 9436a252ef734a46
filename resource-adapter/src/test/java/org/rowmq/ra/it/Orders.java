package org.rowmq.ra.it;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The business rows of the transaction tests: one table of order ids in the given datasource. */
public final class Orders {
    private Orders() {
    }

    public static void createTable(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS it_orders (id VARCHAR(64) PRIMARY KEY)");
        }
    }

    public static void insert(DataSource ds, String id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement("INSERT INTO it_orders (id) VALUES (?)")) {
            p.setString(1, id);
            p.executeUpdate();
        }
    }

    public static boolean exists(DataSource ds, String id) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement("SELECT 1 FROM it_orders WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }
}
