package org.rowmq.admin;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, empty database per test: an H2 file under target/, or a schema (PostgreSQL) or database (MariaDB) of its
 * own on the local servers, dropped by {@link #close()}. An unreachable server skips the test with the reason printed,
 * unless rowmq.test.databases=required (CI), where it fails.
 */
enum CliDatabase {
    H2, POSTGRESQL, MARIADB;

    static Stream<CliDatabase> all() {
        return Stream.of(values());
    }

    /** An empty database of this kind; the caller closes it. */
    Fresh fresh() {
        String name = "rowmq_cli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return switch (this) {
            case H2 -> new Fresh(this, "jdbc:h2:file:" + Path.of("target", "cli-h2", name, "rowmq").toAbsolutePath()
                    + ";WRITE_DELAY=0;AUTO_SERVER=TRUE", "sa", "", null);
            case POSTGRESQL -> create("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "CREATE SCHEMA " + name,
                    "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + name, "DROP SCHEMA " + name + " CASCADE");
            case MARIADB -> create("jdbc:mariadb://127.0.0.1:3306/test", "root", "CREATE DATABASE " + name,
                    "jdbc:mariadb://127.0.0.1:3306/" + name, "DROP DATABASE " + name);
        };
    }

    private Fresh create(String serverUrl, String user, String create, String url, String drop) {
        try (Connection c = DriverManager.getConnection(serverUrl, user, ""); Statement st = c.createStatement()) {
            st.execute(create); // the name is generated above, never input
        } catch (SQLException e) {
            String reason = this + " is unreachable at " + serverUrl + ": " + e.getMessage();
            if ("required".equals(System.getProperty("rowmq.test.databases"))) Assertions.fail(reason);
            System.out.println("Skipping: " + reason);
            Assumptions.abort(reason);
        }
        return new Fresh(this, url, user, "", () -> {
            try (Connection c = DriverManager.getConnection(serverUrl, user, ""); Statement st = c.createStatement()) {
                st.execute(drop);
            }
        });
    }

    @FunctionalInterface
    interface Drop {
        void run() throws SQLException;
    }

    record Fresh(CliDatabase kind, String url, String user, String password, Drop drop) implements AutoCloseable {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public void close() throws SQLException {
            if (drop != null) drop.run();
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
