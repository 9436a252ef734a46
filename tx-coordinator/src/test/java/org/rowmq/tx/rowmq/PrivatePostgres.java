package org.rowmq.tx.rowmq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster of one test class, started with {@code max_prepared_transactions} above 0 so that
 * its XADataSource can PREPARE TRANSACTION. The machine's shared server (127.0.0.1:5432) has 0 and is never
 * reconfigured or restarted by tests; this one runs on a free port of its own, listens on 127.0.0.1 only, trusts
 * local connections and lives in a directory under {@code <tmpdir>/rowmq-private-postgres} that {@link #close()} stops and
 * deletes.
 *
 * <p>initdb refuses to run as root, so when the tests run as root the cluster belongs to the {@code postgres} OS user
 * (commands through {@code runuser}); otherwise to the user running the tests. The binaries are taken from
 * {@code /usr/lib/postgresql/15/bin} or the system property {@code rowmq.test.postgres.bin}. When the cluster cannot
 * be started, {@link #startOrSkip()} skips the test with the exact reason printed, or fails it when the system
 * property {@code rowmq.test.databases} is {@code required} (CI), as jms-provider's TestDatabase does.
 */
final class PrivatePostgres implements AutoCloseable {

    static final int MAX_PREPARED_TRANSACTIONS = 20;
    static final String DATABASE = "test";
    static final String USER = "postgres";

    private static final Path BIN = Path.of(System.getProperty("rowmq.test.postgres.bin", "/usr/lib/postgresql/15/bin"));
    /**
     * Under the system's temporary directory, not target/: the postgres OS user must be able to reach it, and a
     * checkout may live below a directory only root can enter (/root).
     */
    private static final Path CLUSTERS = Path.of(System.getProperty("java.io.tmpdir"), "rowmq-private-postgres").toAbsolutePath();
    private static final long COMMAND_TIMEOUT_SECONDS = 120;
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path root;
    private final Path data;
    private final int port;
    private final Thread stopAtExit;

    private PrivatePostgres(Path root, int port) {
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
        // A test JVM that ends without reaching close() (interrupted build) must not leave a server running.
        this.stopAtExit = new Thread(this::stopQuietly, "stop private PostgreSQL");
    }

    /** A running cluster with database {@value #DATABASE}, or the test is skipped (failed in CI) with the reason. */
    static PrivatePostgres startOrSkip() {
        try {
            return start();
        } catch (CannotStart e) {
            String reason = "cannot start a private PostgreSQL cluster with max_prepared_transactions = "
                    + MAX_PREPARED_TRANSACTIONS + ": " + e.getMessage();
            if ("required".equals(System.getProperty("rowmq.test.databases"))) {
                Assertions.fail(reason + " (rowmq.test.databases=required)");
            }
            System.out.println("Skipping: " + reason);
            Assumptions.abort(reason);
            throw e; // not reached: abort throws
        }
    }

    private static PrivatePostgres start() {
        if (!Files.isExecutable(BIN.resolve("initdb")) || !Files.isExecutable(BIN.resolve("pg_ctl"))) {
            throw new CannotStart("no initdb and pg_ctl in " + BIN + " (install PostgreSQL 15's server package or set"
                    + " -Drowmq.test.postgres.bin to the directory holding them)");
        }
        if (ROOT && !Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
            throw new CannotStart("the tests run as root, which initdb refuses, and runuser is not available to run it"
                    + " as the postgres OS user");
        }
        stopLeftoversOfDeadRuns();
        PrivatePostgres server;
        try {
            Path root = CLUSTERS.resolve("run-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            Files.createDirectories(root.resolve("socket"));
            if (ROOT) {
                UserPrincipal postgres;
                try {
                    postgres = root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
                } catch (IOException e) {
                    throw new CannotStart("the tests run as root, which initdb refuses, and there is no OS user \""
                            + USER + "\" to own the cluster (" + e.getMessage() + ")");
                }
                Files.setOwner(root, postgres);
                Files.setOwner(root.resolve("socket"), postgres);
            }
            server = new PrivatePostgres(root, freePort());
        } catch (IOException e) {
            throw new CannotStart("cannot prepare its directory under " + CLUSTERS + ": " + e);
        }
        server.initdbAndStart();
        return server;
    }

    private void initdbAndStart() {
        try {
            // --no-sync: only initdb's own files; the server itself runs with fsync on, as in production.
            run("initdb", BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync");
            Runtime.getRuntime().addShutdownHook(stopAtExit);
            run("pg_ctl start", BIN.resolve("pg_ctl").toString(), "-D", data.toString(),
                    "-l", root.resolve("server.log").toString(), "-w", "-t", "60",
                    "-o", "-c max_prepared_transactions=" + MAX_PREPARED_TRANSACTIONS + " -c port=" + port
                            + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + root.resolve("socket"),
                    "start");
            try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (CannotStart | SQLException e) {
            close();
            throw e instanceof CannotStart cannot ? cannot : new CannotStart("creating database " + DATABASE + ": " + e);
        }
    }

    /** JDBC URL of a database of this cluster, with the user in it (trust authentication: no password). */
    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    String url() {
        return url(DATABASE);
    }

    String describe() {
        return "private PostgreSQL at 127.0.0.1:" + port + " (" + root + ", max_prepared_transactions = "
                + maxPreparedTransactions() + ")";
    }

    int maxPreparedTransactions() {
        try (Connection c = DriverManager.getConnection(url());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW max_prepared_transactions")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("the private PostgreSQL at port " + port + " does not answer", e);
        }
    }

    /** Stops the server (fast shutdown: open sessions are ended) and deletes its directory. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException | IllegalArgumentException alreadyExitingOrNeverAdded) {
            // the hook runs or was never installed: nothing to remove
        }
        deleteTree(root);
    }

    private void stopQuietly() {
        if (!Files.exists(data.resolve("postmaster.pid"))) return;
        try {
            run("pg_ctl stop", BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop");
        } catch (CannotStart e) {
            System.out.println("stopping the private PostgreSQL in " + data + " failed: " + e.getMessage());
        }
    }

    /** Clusters whose test JVM died without closing them: stop them so they do not hold a port and memory. */
    private static void stopLeftoversOfDeadRuns() {
        if (!Files.isDirectory(CLUSTERS)) return;
        try (Stream<Path> runs = Files.list(CLUSTERS)) {
            for (Path run : runs.toList()) {
                String[] parts = run.getFileName().toString().split("-");
                if (parts.length != 3 || !parts[0].equals("run")) continue;
                long pid;
                try {
                    pid = Long.parseLong(parts[1]);
                } catch (NumberFormatException notOurs) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                new PrivatePostgres(run, 0).close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(String what, String... command) {
        List<String> line = new ArrayList<>();
        if (ROOT) line.addAll(List.of("runuser", "-u", USER, "--"));
        line.addAll(List.of(command));
        Path output = root.resolve(what.replace(' ', '-') + ".out");
        try {
            Process process = new ProcessBuilder(line).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CannotStart(what + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s: "
                        + String.join(" ", line) + "\n" + tail(output));
            }
            if (process.exitValue() != 0) {
                throw new CannotStart(what + " failed with exit code " + process.exitValue() + ": "
                        + String.join(" ", line) + "\n" + tail(output) + serverLog());
            }
        } catch (IOException e) {
            throw new CannotStart(what + " could not be run (" + String.join(" ", line) + "): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotStart(what + " was interrupted");
        }
    }

    private String serverLog() {
        Path log = root.resolve("server.log");
        return Files.exists(log) ? "\nserver log:\n" + tail(log) : "";
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        } catch (IOException e) {
            System.out.println("could not delete the private PostgreSQL directory " + dir + ": " + e);
        }
    }

    /** Why the cluster could not be started; becomes the skip (or CI failure) reason. */
    private static final class CannotStart extends RuntimeException {
        CannotStart(String message) {
            super(message);
        }
    }
}
