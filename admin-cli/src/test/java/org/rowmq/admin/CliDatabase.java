package org.rowmq.admin;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * @param drop null where the database stays (H2 files under target/)
     */
    record Fresh(CliDatabase kind, String url, String user, String password, Drop drop) implements AutoCloseable {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        /**
         * Fails the test if a RowMQ node still runs on the database (a connection factory it did not close), then
         * drops it anyway. Such a node goes on heart-beating and housekeeping against the dropped tables, logging
         * "table doesn't exist" until the JVM exits. A factory closed removes its node row.
         */
        @Override
        public void close() throws SQLException {
            try {
                Assertions.assertEquals(List.of(), runningNodes(),
                        "RowMQ nodes still running: close every connection factory before the database is dropped");
            } finally {
                if (drop != null) drop.run();
            }
        }

        private List<String> runningNodes() throws SQLException {
            List<String> nodes = new ArrayList<>();
            try (Connection c = connect()) {
                if (!hasTable(c, "rowmq_node")) return nodes; // no RowMQ application ever connected
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM rowmq_node")) {
                    while (rs.next()) nodes.add(rs.getString(1));
                }
            }
            return nodes;
        }

        private static boolean hasTable(Connection c, String name) throws SQLException {
            // H2 keeps unquoted names in upper case, PostgreSQL and MariaDB in lower case.
            for (String n : List.of(name, name.toUpperCase(Locale.ROOT))) {
                try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), n, null)) {
                    if (rs.next()) return true;
                }
            }
            return false;
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
