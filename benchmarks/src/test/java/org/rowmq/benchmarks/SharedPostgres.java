package org.rowmq.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The test PostgreSQL (127.0.0.1:5432, database test, user postgres), a schema of its own per test class. Unreachable:
 * the test is skipped with the reason printed, or fails when rowmq.test.databases is "required" (CI), as in
 * jms-provider's tests.
 */
final class SharedPostgres {
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private SharedPostgres() {
    }

    /** Creates the schema (a fixed name chosen by the test, never input) and returns how to reach it. */
    static Database.Jdbc schema(String name) {
        try (Connection c = connect(URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            String reason = "PostgreSQL at " + URL + " is unreachable: " + e.getMessage();
            if ("required".equals(System.getProperty("rowmq.test.databases")))
                Assertions.fail(reason + " (rowmq.test.databases=required)");
            System.out.println("Skipping: " + reason);
            Assumptions.abort(reason);
        }
        return new Database.Jdbc(URL + "?currentSchema=" + name, "postgres", "");
    }

    static void drop(String name) throws SQLException {
        try (Connection c = connect(URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    private static Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", "");
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url, p);
    }
}
