package org.rowmq.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rowmq.testsupport.TestDatabase;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the schema is migrated, apart from what it contains: quietly (a library prints nothing alarming on a normal
 * start), and strictly in version order, while a database that an earlier development build migrated out of order
 * still opens. H2 only: the Flyway configuration is the same for every dialect.
 */
class SchemaMigrationTest {

    @Test
    void migratingAFreshDatabasePrintsNoWarning() throws Exception {
        TestDatabase db = TestDatabase.freshH2("schema-quiet");
        String printed = stderrWhile(() -> {
            try (SharedStore ignored = Stores.open(db.config())) {
                // opening the store migrates the empty database to the current version
            }
        });
        // The test logger prints WARN and above; Flyway's outOfOrder mode used to warn here on every start.
        assertFalse(printed.toLowerCase().contains("flyway") || printed.contains("outOfOrder"),
                "Flyway printed while RowMQ migrated its schema:\n" + printed);
    }

    @Test
    void flywayLogsAsBeforeForTheApplicationAfterRowMQMigrated() throws Exception {
        try (SharedStore ignored = Stores.open(TestDatabase.freshH2("schema-logging-restored").config())) {
            // migrated with RowMQ's own Flyway logging
        }
        // Flyway's logging is global: an application's Flyway (one built before RowMQ's, too) logs under its own
        // class names again, not through RowMQ's logger.
        String printed = stderrWhile(() -> org.flywaydb.core.api.logging.LogFactory.getLog(SchemaMigrationTest.class)
                .warn("application migration warning"));
        assertTrue(printed.contains(SchemaMigrationTest.class.getName() + " - application migration warning"), printed);
    }

    @Test
    void aDatabaseMigratedOutOfOrderStillOpens(@TempDir Path dir) throws Exception {
        TestDatabase db = TestDatabase.freshH2("schema-out-of-order");
        Path migrations = Path.of(SchemaMigrationTest.class.getResource("/org/rowmq/store/schema/h2").toURI());
        List<Path> shipped;
        try (Stream<Path> files = Files.list(migrations)) {
            shipped = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).sorted().toList();
        }
        // What a development build did before: V4 landed on a database that had no V3 yet, then V3 out of order.
        Path withoutV3 = Files.createDirectories(dir.resolve("without-v3"));
        for (Path f : shipped) {
            String name = f.getFileName().toString();
            if (name.startsWith("V1__") || name.startsWith("V2__") || name.startsWith("V4__")) {
                Files.copy(f, withoutV3.resolve(name));
            }
        }
        stderrWhile(() -> { // Flyway warns about outOfOrder, as it should; not this test's output
            flyway(db, "filesystem:" + withoutV3).load().migrate();
            flyway(db, "classpath:org/rowmq/store/schema/h2").outOfOrder(true).target("4").load().migrate();
        });
        assertEquals(List.of("1", "2", "4", "3"), appliedVersions(db), "the history is out of order");

        try (SharedStore ignored = Stores.open(db.config())) {
            // opens: the history is validated and the migrations after it are applied in order
        }
        List<String> expected = new ArrayList<>(List.of("1", "2", "4", "3"));
        // The shipped versions after 4 in order; numbers may have gaps (a version reserved for a branch not merged yet).
        shipped.stream().map(f -> Integer.parseInt(f.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1")))
                .filter(v -> v > 4).sorted().forEach(v -> expected.add(Integer.toString(v)));
        assertEquals(expected, appliedVersions(db));
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(TestDatabase db, String location) {
        return Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations(location)
                .table(Schema.HISTORY_TABLE).baselineOnMigrate(true).baselineVersion("0");
    }

    private static List<String> appliedVersions(TestDatabase db) throws Exception {
        List<String> versions = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"" + Schema.HISTORY_TABLE
                     + "\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) versions.add(rs.getString(1));
        }
        return versions;
    }

    private interface StoreWork {
        void run() throws Exception;
    }

    /** What the test JVM printed on standard error (where the test logger writes) while {@code work} ran. */
    private static String stderrWhile(StoreWork work) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
