package org.rowmq.tx;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;

import org.h2.jdbcx.JdbcDataSource;

/**
 * An H2 file database used as an XA resource manager. WRITE_DELAY=0 makes every commit and every PREPARE durable at
 * once, so a killed process leaves its prepared branches on disk, where recovery finds and completes them
 * ({@link CrashRecoveryTest}); H2's default write delay is not relied on.
 */
final class H2Database {

    static final String TABLE = "tx_row";

    private final String url;

    private H2Database(String url) {
        this.url = url;
    }

    /** Opens (creating if needed) the database in {@code directory} and its one table of row ids. */
    static H2Database create(Path directory, String name) throws SQLException {
        H2Database database = open(directory.resolve(name));
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id VARCHAR(64) PRIMARY KEY)");
        }
        return database;
    }

    static H2Database open(Path file) {
        return new H2Database("jdbc:h2:file:" + file.toAbsolutePath() + ";WRITE_DELAY=0");
    }

    String url() {
        return url;
    }

    JdbcDataSource xaDataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }

    /** An XA connection of this database, closable by try-with-resources. */
    XaSession openXa() throws SQLException {
        return new XaSession(xaDataSource().getXAConnection());
    }

    record XaSession(XAConnection xaConnection) implements AutoCloseable {

        XAResource xaResource() throws SQLException {
            return xaConnection.getXAResource();
        }

        Connection connection() throws SQLException {
            return xaConnection.getConnection();
        }

        @Override
        public void close() throws SQLException {
            xaConnection.close();
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Committed rows only: a prepared branch's insert is not visible to another session. */
    boolean hasRow(String id) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + TABLE + " WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1) == 1;
            }
        }
    }

    /** Prepared branches that are neither committed nor rolled back yet. */
    int inDoubtCount() throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.IN_DOUBT")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    static void insert(Connection connection, String id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " (id) VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }
}
