package org.rowmq.appconn;

import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database (H2 file), schema (PostgreSQL) or database (MariaDB) on the same server as a test database but without
 * RowMQ's tables, created for one test and dropped afterwards.
 */
final class OtherDatabase implements AutoCloseable {
    private final TestDatabase db;
    private final String name;
    private final TestDatabase other;

    private OtherDatabase(TestDatabase db, String name, TestDatabase other) {
        this.db = db;
        this.name = name;
        this.other = other;
    }

    static OtherDatabase create(TestDatabase db) throws SQLException {
        String name = "ac_other_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        switch (db.kind()) {
            case H2:
                return new OtherDatabase(db, null, TestDatabase.freshH2("other"));
            case POSTGRESQL:
                db.config();
                try (Connection c = server(db); Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + name);
                }
                return new OtherDatabase(db, name, db.withUrl(TestDatabase.POSTGRESQL_URL + "?currentSchema=" + name));
            default:
                db.config();
                try (Connection c = server(db); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                }
                return new OtherDatabase(db, name, db.withUrl(TestDatabase.MARIADB_URL.replace("/test", "/" + name)));
        }
    }

    private static Connection server(TestDatabase db) throws SQLException {
        String url = db.kind() == TestDatabase.Kind.POSTGRESQL ? TestDatabase.POSTGRESQL_URL : TestDatabase.MARIADB_URL;
        return DriverManager.getConnection(url, db.user(), db.password());
    }

    TestDatabase database() {
        return other;
    }

    Connection connect() throws SQLException {
        return other.connect();
    }

    @Override
    public void close() throws SQLException {
        if (name == null) return;
        try (Connection c = server(db); Statement s = c.createStatement()) {
            s.execute(db.kind() == TestDatabase.Kind.POSTGRESQL ? "DROP SCHEMA " + name + " CASCADE" : "DROP DATABASE " + name);
        }
    }
}
