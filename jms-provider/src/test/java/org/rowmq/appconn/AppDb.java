package org.rowmq.appconn;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The application's side of the tests: its own pool and its own business table, beside RowMQ's tables. */
final class AppDb {

    private AppDb() {
    }

    /** The application's HikariCP pool on the test database (skips the test when the database is unreachable). */
    static HikariDataSource pool(TestDatabase db) {
        db.config(); // skips or fails the test when the database is unreachable
        return pool(db.url(), db.user(), db.password());
    }

    static HikariDataSource pool(String url, String user, String password) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(url);
        h.setUsername(user);
        h.setPassword(password);
        h.setMaximumPoolSize(6);
        h.setPoolName("app-" + UUID.randomUUID().toString().substring(0, 6));
        return new HikariDataSource(h);
    }

    /** A business table of this test's own; the name is made here, never taken from input. */
    static String createTable(Connection c) throws SQLException {
        String table = "ac_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        boolean autoCommit = c.getAutoCommit();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id VARCHAR(200) NOT NULL, note VARCHAR(200))");
        }
        if (!autoCommit) c.commit();
        return table;
    }

    static void dropTable(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE " + table);
        }
        if (!c.getAutoCommit()) c.commit();
    }

    static void insert(Connection c, String table, String id, String note) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, note) VALUES (?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, note);
            ps.executeUpdate();
        }
    }

    /** Committed rows with this id, read on a connection of its own. */
    static int count(TestDatabase db, String table, String id) throws SQLException {
        try (Connection c = db.connect()) {
            return count(c, table, id);
        }
    }

    static int count(Connection c, String table, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
