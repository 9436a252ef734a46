package org.rowmq.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.rowmq.store.StoreConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A database for tests: H2 in a fresh file per test class under target/, and the shared PostgreSQL and MariaDB on this
 * machine. Use as {@code @ParameterizedTest @MethodSource("databases")} with
 * {@code static Stream<TestDatabase> databases() { return TestDatabase.all(); }}.
 *
 * <p>When PostgreSQL or MariaDB cannot be reached, {@link #config()} skips the test with the reason printed, or fails
 * it when the system property {@code rowmq.test.databases} is {@code required} (CI). The PostgreSQL and MariaDB
 * databases are shared with other tests: name destinations with {@link #unique(String)}.
 */
public final class TestDatabase {

    public enum Kind { H2, POSTGRESQL, MARIADB }

    public static final String POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    static final String RUN_SCHEMA_PREFIX = "rowmq_t_";
    /** Schemas of earlier runs older than this are dropped when a run starts. */
    private static final long STALE_RUN_MILLIS = 6 * 3600_000L;
    private static final AtomicLong NAMES = new AtomicLong();
    private static final Map<Kind, String> UNREACHABLE = new ConcurrentHashMap<>();
    private static final Map<Kind, Boolean> CHECKED = new ConcurrentHashMap<>();

    private final Kind kind;
    private final String url;
    private final String user;
    private final String password;

    private TestDatabase(Kind kind, String url, String user, String password) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** All three databases; H2's file is named after the calling test class. */
    public static Stream<TestDatabase> all() {
        Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
        return Stream.of(h2(caller), postgresql(), mariadb());
    }

    /** H2 in a file under target/rowmq-h2 that no other test class uses. */
    public static TestDatabase h2(Class<?> testClass) {
        Path file = Path.of("target", "rowmq-h2", testClass.getSimpleName() + "-" + RUN, "rowmq").toAbsolutePath();
        return new TestDatabase(Kind.H2, "jdbc:h2:file:" + file + ";WRITE_DELAY=0", "sa", "");
    }

    /** H2 in a file of its own, for a test that needs a database no other test has touched. */
    public static TestDatabase freshH2(String name) {
        Path file = Path.of("target", "rowmq-h2", name + "-" + RUN + "-" + NAMES.incrementAndGet(), "rowmq").toAbsolutePath();
        return new TestDatabase(Kind.H2, "jdbc:h2:file:" + file + ";WRITE_DELAY=0", "sa", "");
    }

    /**
     * PostgreSQL, in a schema of this test run's own ({@value #RUN_SCHEMA_PREFIX}&lt;run&gt;): runs of different
     * branches never meet each other's schema versions in the shared database.
     */
    public static TestDatabase postgresql() {
        return new TestDatabase(Kind.POSTGRESQL, POSTGRESQL_URL + "?currentSchema=" + RUN_SCHEMA_PREFIX + RUN, "postgres", null);
    }

    /** MariaDB, in a database of this test run's own, for the same reason. */
    public static TestDatabase mariadb() {
        return new TestDatabase(Kind.MARIADB, MARIADB_URL.replace("/test", "/" + RUN_SCHEMA_PREFIX + RUN), "root", "");
    }

    /** The same server with a different URL (another schema or database), e.g. for an upgrade test. */
    public TestDatabase withUrl(String otherUrl) {
        return new TestDatabase(kind, otherUrl, user, password);
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A store configuration for this database (skips or fails the test when the database is unreachable). */
    public StoreConfig config() {
        requireReachable();
        return StoreConfig.url(url, user, password);
    }

    /** The same with a short heartbeat and lease, for liveness tests. */
    public StoreConfig config(Duration heartbeat, Duration leaseTimeout) {
        return config().withLease(heartbeat, leaseTimeout);
    }

    /** A plain JDBC connection outside RowMQ, for assertions and setup. */
    public Connection connect() throws SQLException {
        requireReachable();
        return open(url);
    }

    private Connection open(String jdbcUrl) throws SQLException {
        Properties p = new Properties();
        if (user != null) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        if (kind == Kind.POSTGRESQL) p.setProperty("connectTimeout", "5");
        if (kind == Kind.MARIADB) p.setProperty("connectTimeout", "5000");
        return DriverManager.getConnection(jdbcUrl, p);
    }

    /** A destination (or any other) name no other test, run or process uses. */
    public static String unique(String prefix) {
        return prefix + "." + RUN + "." + NAMES.incrementAndGet() + "." + UUID.randomUUID().toString().substring(0, 6);
    }

    private void requireReachable() {
        if (kind == Kind.H2) return;
        CHECKED.computeIfAbsent(kind, k -> {
            try (Connection server = open(k == Kind.POSTGRESQL ? POSTGRESQL_URL : MARIADB_URL)) {
                prepareRunSchema(server, k);
                return true;
            } catch (SQLException e) {
                UNREACHABLE.put(k, k + " at " + url + " is unreachable: " + e.getMessage());
                return false;
            }
        });
        String reason = UNREACHABLE.get(kind);
        if (reason == null) return;
        if ("required".equals(System.getProperty("rowmq.test.databases"))) {
            Assertions.fail(reason + " (rowmq.test.databases=required)");
        }
        System.out.println("Skipping: " + reason);
        Assumptions.abort(reason);
    }

    /** Creates this run's schema (PostgreSQL) or database (MariaDB) and drops those of runs long gone. */
    private static void prepareRunSchema(Connection server, Kind kind) throws SQLException {
        String listing = "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'rowmq\\_t\\_%'";
        java.util.List<String> stale = new java.util.ArrayList<>();
        try (var st = server.createStatement(); var rs = st.executeQuery(listing)) {
            while (rs.next()) {
                String name = rs.getString(1);
                try {
                    long started = Long.parseLong(name.substring(RUN_SCHEMA_PREFIX.length()), 36);
                    if (System.currentTimeMillis() - started > STALE_RUN_MILLIS) stale.add(name);
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
        }
        try (var st = server.createStatement()) {
            // Names come from this class or from the listing above after parsing as a run id: never user input.
            for (String name : stale) st.execute(kind == Kind.POSTGRESQL ? "DROP SCHEMA IF EXISTS " + name + " CASCADE" : "DROP DATABASE IF EXISTS " + name);
            st.execute((kind == Kind.POSTGRESQL ? "CREATE SCHEMA IF NOT EXISTS " : "CREATE DATABASE IF NOT EXISTS ") + RUN_SCHEMA_PREFIX + RUN);
        }
    }

    /** The name in test reports: a parameterized test's invocations read "[1] h2", "[2] postgresql", "[3] mariadb". */
    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
