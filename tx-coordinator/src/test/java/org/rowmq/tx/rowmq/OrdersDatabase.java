package org.rowmq.tx.rowmq;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.XADataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.xa.PGXADataSource;

/**
 * The application's own database with its order table, used through its XADataSource: an H2 file (WRITE_DELAY=0
 * makes each commit and PREPARE durable at once, so a killed process leaves its prepared branch on disk), or a
 * PostgreSQL database whose server allows prepared transactions ({@link PrivatePostgres}), given by a URL that carries
 * the user.
 */
final class OrdersDatabase {

    private final String url;

    private OrdersDatabase(String url) {
        this.url = url;
    }

    /** An H2 file, with the order table. */
    static OrdersDatabase create(Path file) throws SQLException {
        return create(h2Url(file));
    }

    /** The database at {@code url} (H2 or PostgreSQL), with the order table. */
    static OrdersDatabase create(String url) throws SQLException {
        OrdersDatabase db = open(url);
        try (Connection c = DriverManager.getConnection(db.url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(64) PRIMARY KEY, item VARCHAR(200) NOT NULL)");
        }
        return db;
    }

    static OrdersDatabase open(String url) {
        return new OrdersDatabase(url);
    }

    private static String h2Url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0";
    }

    String url() {
        return url;
    }

    private boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    XADataSource xaDataSource() {
        if (isPostgres()) {
            PGXADataSource ds = new PGXADataSource();
            ds.setUrl(url); // user and database from the URL
            return ds;
        }
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

    /** Branches the database holds prepared (in doubt) for this database. */
    int inDoubtCount() throws SQLException {
        String sql = isPostgres()
                ? "SELECT COUNT(*) FROM pg_prepared_xacts WHERE database = current_database()"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT";
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
