package org.rowmq.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL primary and a synchronous standby of the test's own, on two loopback ports ({@code basePort} and the
 * next), made like the benchmarks' private cluster: initdb into a temporary directory (as the postgres account when
 * run as root, since initdb refuses root), then pg_basebackup for the standby. {@code synchronous_commit} is on and
 * {@code synchronous_standby_names} names the standby, so a commit returns only once the standby has its WAL.
 *
 * <p>{@link #failover()} kills the primary's postmaster and all its backends with SIGKILL, promotes the standby, and
 * builds a new synchronous standby from it in the dead primary's place (its data is discarded), so that the pair can
 * fail over again; until the new standby is attached, commits on the new primary wait, as synchronous replication
 * promises. {@link #url()} names both ports with {@code targetServerType=primary}. {@link #close} stops both servers
 * and deletes the directory.
 *
 * <p>Needs PostgreSQL's server binaries ({@value #BIN}); without them the test is skipped, or fails when
 * {@code rowmq.test.databases} is {@code required} (CI).
 */
public final class PostgresFailoverPair implements AutoCloseable {

    private static final String BIN = "/usr/lib/postgresql/15/bin";
    private static final String OS_USER = "postgres";
    /** Every standby connects under this name, the one synchronous_standby_names gives. */
    private static final String STANDBY_NAME = "standby";

    private final Path dir;
    private final int[] ports;
    private final boolean asRoot;
    /** Which of the two slots (port and datadir) holds the primary now. */
    private int primary;
    private int generation;
    private final String[] datadirs = new String[2];

    private PostgresFailoverPair(Path dir, int basePort, boolean asRoot) {
        this.dir = dir;
        this.ports = new int[]{basePort, basePort + 1};
        this.asRoot = asRoot;
    }

    public static PostgresFailoverPair start(int basePort) throws Exception {
        if (!Files.isExecutable(Path.of(BIN, "initdb"))) {
            String reason = "PostgreSQL's server binaries are not in " + BIN;
            if ("required".equals(System.getProperty("rowmq.test.databases"))) {
                Assertions.fail(reason + " (rowmq.test.databases=required)");
            }
            Assumptions.abort(reason);
        }
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("rowmq-pg-failover");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (asRoot) run(List.of("chown", OS_USER, dir.toString()));
        PostgresFailoverPair pair = new PostgresFailoverPair(dir, basePort, asRoot);
        try {
            pair.datadirs[0] = pair.newDatadir();
            pair.pg(List.of("initdb", "-D", pair.datadirs[0], "-U", "postgres", "--auth=trust", "--no-instructions",
                    "-E", "UTF8"));
            pair.startServer(0);
            pair.attachStandby();
            return pair;
        } catch (Exception | Error e) {
            pair.close();
            throw e;
        }
    }

    /** Both servers, primary wanted: the driver tries each and keeps the one that accepts writes. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1]
                + "/postgres?targetServerType=primary&connectTimeout=2&socketTimeout=30";
    }

    /** A plain connection to the current primary. */
    public Connection connectPrimary() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection(url(), p);
    }

    /**
     * Kills the primary (postmaster and backends, SIGKILL), promotes the standby, and attaches a new synchronous
     * standby in the old primary's place.
     */
    public void failover() throws Exception {
        killPrimary();
        promoteStandby();
        attachStandby();
    }

    /** SIGKILL to the primary's postmaster and every process under it: the machine "died". */
    public void killPrimary() throws IOException {
        long pid = Long.parseLong(Files.readAllLines(Path.of(datadirs[primary], "postmaster.pid")).get(0).trim());
        ProcessHandle.of(pid).ifPresent(p -> {
            List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
            p.destroyForcibly();
            all.forEach(ProcessHandle::destroyForcibly);
            p.onExit().join();
        });
    }

    /** Promotes the standby; it is the primary once this returns. */
    public void promoteStandby() throws Exception {
        int standby = 1 - primary;
        pg(List.of("pg_ctl", "-D", datadirs[standby], "-w", "-t", "60", "promote"));
        primary = standby;
    }

    @Override
    public void close() {
        for (String d : datadirs) {
            if (d == null || !Files.exists(Path.of(d, "postmaster.pid"))) continue;
            try {
                pg(List.of("pg_ctl", "-D", d, "-m", "immediate", "-w", "stop"));
            } catch (Exception e) {
                System.err.println("Could not stop the PostgreSQL server in " + d + ": " + e);
            }
        }
        try {
            run(List.of("rm", "-rf", dir.toString()));
        } catch (Exception e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }

    /** A standby made from the primary by pg_basebackup in the other slot, started and waited for until synchronous. */
    private void attachStandby() throws Exception {
        int standby = 1 - primary;
        String old = datadirs[standby];
        if (old != null) run(List.of("rm", "-rf", old));
        datadirs[standby] = newDatadir();
        pg(List.of("pg_basebackup", "-h", "127.0.0.1", "-p", Integer.toString(ports[primary]), "-U", "postgres",
                "-D", datadirs[standby], "-X", "stream", "-R", "-c", "fast"));
        // pg_basebackup -R wrote primary_conninfo; the later line adds the name synchronous_standby_names expects.
        Files.writeString(Path.of(datadirs[standby], "postgresql.auto.conf"),
                "primary_conninfo = 'host=127.0.0.1 port=" + ports[primary] + " user=postgres application_name="
                        + STANDBY_NAME + "'\n", java.nio.file.StandardOpenOption.APPEND);
        startServer(standby);
        try (Connection c = connect(ports[primary]); Statement s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET synchronous_standby_names = '" + STANDBY_NAME + "'");
            s.execute("SELECT pg_reload_conf()");
            long deadline = System.currentTimeMillis() + 60_000;
            while (true) {
                try (ResultSet rs = s.executeQuery("SELECT sync_state FROM pg_stat_replication WHERE application_name = '"
                        + STANDBY_NAME + "'")) {
                    if (rs.next() && "sync".equals(rs.getString(1))) return;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the standby on port " + ports[standby] + " did not become synchronous");
                }
                Thread.sleep(100);
            }
        }
    }

    private String newDatadir() {
        return dir.resolve("data" + (generation++)).toString();
    }

    private void startServer(int slot) throws Exception {
        pg(List.of("pg_ctl", "-D", datadirs[slot], "-l", datadirs[slot] + ".log", "-w", "-t", "60", "-o",
                "-p " + ports[slot] + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200"
                        + " -c wal_level=replica -c max_wal_senders=5 -c synchronous_commit=on"
                        + " -c wal_sender_timeout=5s -c wal_receiver_status_interval=1s", "start"));
    }

    private static Connection connect(int port) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", p);
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asRoot) full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        full.add(Path.of(BIN, command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0)
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
}
