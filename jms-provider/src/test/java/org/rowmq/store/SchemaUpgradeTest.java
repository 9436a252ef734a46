package org.rowmq.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rowmq.store.Messages.bodies;

/**
 * A database left at RowMQ's schema version 1, inside an application's database that has tables of its own, is
 * upgraded in place when a store opens on it, with its messages kept.
 */
class SchemaUpgradeTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anOlderSchemaIsUpgradedInPlaceKeepingItsMessages(TestDatabase shared) throws Exception {
        String name = "rowmq_upgrade_" + Long.toString(System.nanoTime(), 36);
        TestDatabase db = isolated(shared, name);
        try {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE app_orders (id INT PRIMARY KEY, item VARCHAR(20))");
                s.execute("INSERT INTO app_orders VALUES (1, 'book')");
            }
            Flyway.configure().dataSource(db.url(), db.user(), db.password())
                    .locations("classpath:org/rowmq/store/schema/" + folder(db))
                    .table(Schema.HISTORY_TABLE).baselineOnMigrate(true).baselineVersion("0")
                    .target("1").load().migrate();
            try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("INSERT INTO rowmq_message"
                    + " (destination, priority, state, visible_at, expires_at, delivery_count, is_persistent, payload)"
                    + " VALUES ('kept', 4, 0, 0, 0, 0, TRUE, ?)")) {
                ps.setBytes(1, "from version 1".getBytes());
                ps.executeUpdate();
            }

            try (OpenStore store = OpenStore.open(db.config())) {
                assertEquals(List.of("from version 1"), bodies(store.claim("kept", 5, null)));
            }
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                // Flyway quotes its identifiers on H2, in lower case.
                String q = db.kind() == TestDatabase.Kind.H2 ? "\"" : "";
                try (ResultSet rs = s.executeQuery("SELECT MAX(CAST(" + q + "version" + q + " AS INT)) FROM "
                        + q + Schema.HISTORY_TABLE + q + " WHERE " + q + "success" + q + " = TRUE")) {
                    rs.next();
                    assertEquals(newestSchemaVersion(), rs.getInt(1), "migrated to the current version");
                }
                try (ResultSet rs = s.executeQuery("SELECT item FROM app_orders WHERE id = 1")) {
                    rs.next();
                    assertEquals("book", rs.getString(1), "the application's table is untouched");
                }
            }
        } finally {
            drop(shared, name);
        }
    }

    private static String folder(TestDatabase db) {
        return switch (db.kind()) {
            case H2 -> "h2";
            case POSTGRESQL -> "postgresql";
            case MARIADB -> "mariadb";
        };
    }

    /** A database of its own on the same server: the shared one is already at the current version. */
    private static TestDatabase isolated(TestDatabase shared, String name) throws Exception {
        switch (shared.kind()) {
            case H2:
                return TestDatabase.freshH2(name);
            case POSTGRESQL:
                try (Connection c = shared.connect(); Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + name);
                }
                return shared.withUrl(TestDatabase.POSTGRESQL_URL + "?currentSchema=" + name);
            default:
                try (Connection c = shared.connect(); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                }
                return shared.withUrl(TestDatabase.MARIADB_URL.replace("/test", "/" + name));
        }
    }

    private static void drop(TestDatabase shared, String name) throws Exception {
        if (shared.kind() == TestDatabase.Kind.H2) return;
        try (Connection c = shared.connect(); Statement s = c.createStatement()) {
            s.execute(shared.kind() == TestDatabase.Kind.POSTGRESQL ? "DROP SCHEMA " + name + " CASCADE" : "DROP DATABASE " + name);
        }
    }

    /** The highest V<n>__ migration shipped for H2 (every dialect ships the same versions). */
    private static int newestSchemaVersion() throws Exception {
        java.nio.file.Path folder = java.nio.file.Path.of(SchemaUpgradeTest.class.getResource("/org/rowmq/store/schema/h2").toURI());
        try (var files = java.nio.file.Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
    }
}
