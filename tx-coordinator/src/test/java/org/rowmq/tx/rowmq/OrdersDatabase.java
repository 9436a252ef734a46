package org.rowmq.tx.rowmq;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.jdbcx.JdbcDataSource;

/**
 * The application's own database with its order table: an H2 file, used through its XADataSource. WRITE_DELAY=0 makes
 * each commit and PREPARE durable at once, so a killed process leaves its prepared branch on disk.
 */
final class OrdersDatabase {

    private final String url;

    private OrdersDatabase(String url) {
        this.url = url;
    }

    static OrdersDatabase create(Path file) throws SQLException {
        OrdersDatabase db = open(file);
        try (Connection c = DriverManager.getConnection(db.url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(64) PRIMARY KEY, item VARCHAR(200) NOT NULL)");
        }
        return db;
    }

    static OrdersDatabase open(Path file) {
        return new OrdersDatabase("jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0");
    }

    JdbcDataSource xaDataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        return ds;
    }

    static void insertOrder(Connection c, String id, String item) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, item) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, item);
            ps.executeUpdate();
        }
    }

    /** Committed orders only: a prepared branch's insert is not visible to another session. */
    boolean hasOrder(String id) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM orders WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    int inDoubtCount() throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
