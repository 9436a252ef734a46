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
 * A MariaDB Galera cluster of the test's own: {@code nodes} mariadbd processes on loopback, each with its datadir under
 * one temporary directory, joined into one cluster, with a database {@value #DATABASE} for RowMQ. Node {@code i}
 * (0-based) listens for SQL on {@code basePort + 10 i}, for Galera's group communication on the next port, incremental
 * state transfer on the one after, and state snapshot transfer (rsync) on the fourth; give each test class its own
 * base port in the range 26000-26999: below Linux's ephemeral ports (32768 and up), so that no client connection of
 * another test can hold one of them when the node starts.
 *
 * <p>The first node bootstraps the cluster; the others join it by a snapshot transfer. {@link #kill} is {@code kill -9};
 * {@link #restart} starts the node on its datadir again and waits until it has caught up (an incremental transfer
 * from another node's cache) and is synced. {@link #close} stops every node (SIGTERM, then SIGKILL) and deletes the
 * directory: use it in try-with-resources so that nothing outlives the test.
 *
 * <p>Needs {@code mariadbd}, {@code mariadb-install-db}, rsync and the Galera library ({@code galera-4}); when they are
 * missing the test is skipped, or fails when the system property {@code rowmq.test.databases} is {@code required} (CI).
 * Run as root, the nodes run as the {@code mysql} account (rsync's daemon drops root for nobody, who could not write
 * a joiner's datadir).
 */
public final class GaleraCluster implements AutoCloseable {

    public static final String DATABASE = "rowmq";
    private static final Path PROVIDER = Path.of("/usr/lib/galera/libgalera_smm.so");
    private static final Path SERVER = Path.of("/usr/sbin/mariadbd");
    private static final String INSTALL = "mariadb-install-db";
    private static final long START_MILLIS = 180_000;

    private final Path dir;
    private final int basePort;
    private final int size;
    private final boolean asRoot;
    private final Process[] processes;
    private final boolean replicated;

    private GaleraCluster(Path dir, int basePort, int size, boolean asRoot, boolean replicated) {
        this.dir = dir;
        this.basePort = basePort;
        this.size = size;
        this.asRoot = asRoot;
        this.replicated = replicated;
        this.processes = new Process[size];
    }

    /** Starts a cluster of {@code size} nodes and creates the database {@value #DATABASE}. */
    public static GaleraCluster start(int size, int basePort) throws Exception {
        return start(size, basePort, true);
    }

    /**
     * One MariaDB server with the same settings and no replication (wsrep off): what a cluster's figures are compared
     * with.
     */
    public static GaleraCluster single(int basePort) throws Exception {
        return start(1, basePort, false);
    }

    private static GaleraCluster start(int size, int basePort, boolean replicated) throws Exception {
        requireInstalled();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("rowmq-galera");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        GaleraCluster cluster = new GaleraCluster(dir, basePort, size, asRoot, replicated);
        try {
            List<String> install = new ArrayList<>(List.of(INSTALL, "--no-defaults", "--datadir=" + cluster.datadir(0),
                    "--auth-root-authentication-method=normal", "--skip-test-db"));
            if (asRoot) install.add("--user=mysql");
            run(install);
            for (int i = 1; i < size; i++) Files.createDirectories(cluster.datadir(i));
            if (asRoot) run(List.of("chown", "-R", "mysql:mysql", dir.toString()));
            // A cluster of an earlier test on the same ports may still be shutting down.
            for (int i = 0; i < size; i++) cluster.awaitPortsFree(i);
            cluster.launch(0, true);
            cluster.awaitSynced(0);
            for (int i = 1; i < size; i++) cluster.launch(i, false);
            // Node 0 was the donor of the joiners' state transfers and may still be catching up: wait for every node.
            for (int i = 0; i < size; i++) cluster.awaitSynced(i);
            cluster.createDatabase();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** The JDBC URL of node {@code i}'s database. */
    public String url(int i) {
        return "jdbc:mariadb://127.0.0.1:" + sqlPort(i) + "/" + DATABASE;
    }

    /**
     * One URL naming every node, this node first: MariaDB Connector/J's sequential failover, so that a JVM whose node
     * dies reconnects to the next.
     */
    public String failoverUrl(int first) {
        StringBuilder hosts = new StringBuilder();
        for (int k = 0; k < size; k++) {
            if (k > 0) hosts.append(',');
            hosts.append("127.0.0.1:").append(sqlPort((first + k) % size));
        }
        return "jdbc:mariadb:sequential://" + hosts + "/" + DATABASE;
    }

    public int size() {
        return size;
    }

    /** A plain connection to node {@code i}'s database, for setup and assertions. */
    public Connection connect(int i) throws SQLException {
        return connect(i, DATABASE);
    }

    /** SIGKILL to node {@code i}; returns once it is gone. */
    public void kill(int i) throws InterruptedException {
        Process p = processes[i];
        if (p == null) return;
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        processes[i] = null;
    }

    /**
     * Starts node {@code i} again on its datadir and waits until it rejoined and is synced. A node killed during a
     * state transfer may fail its first rejoin (its transfer ports still held a moment, or a transfer refused): it is
     * started once more.
     */
    public void restart(int i) throws Exception {
        if (processes[i] != null) throw new IllegalStateException("node " + i + " is running");
        for (int attempt = 1; ; attempt++) {
            awaitPortsFree(i);
            launch(i, false);
            try {
                awaitSynced(i);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 2) throw e;
                System.out.println("Galera node " + i + " failed to rejoin; starting it again: "
                        + e.getMessage().lines().findFirst().orElse(""));
                kill(i);
            }
        }
    }

    /** Waits (30 s at most) until nothing listens on node {@code i}'s ports any more; fails naming the port if not. */
    private void awaitPortsFree(int i) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        for (int port = sqlPort(i); port < sqlPort(i) + 4; port++) {
            while (!isFree(port)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Galera node " + i + " cannot start: port " + port
                            + " on 127.0.0.1 is still in use after 30 s (see `ss -tanp` for what holds it)");
                }
                Thread.sleep(200);
            }
        }
    }

    private static boolean isFree(int port) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < size; i++) {
            Process p = processes[i];
            if (p == null) continue;
            p.destroy();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            processes[i] = null;
        }
        try {
            run(List.of("rm", "-rf", dir.toString()));
        } catch (Exception e) {
            System.err.println("Could not delete " + dir + ": " + e);
        }
    }

    private void launch(int i, boolean bootstrap) throws IOException {
        int port = sqlPort(i);
        StringBuilder members = new StringBuilder("gcomm://");
        for (int k = 0; k < size; k++) members.append(k > 0 ? "," : "").append("127.0.0.1:").append(sqlPort(k) + 1);
        List<String> command = new ArrayList<>(List.of(SERVER.toString(), "--no-defaults",
                "--datadir=" + datadir(i), "--socket=" + dir.resolve("n" + i + ".sock"), "--port=" + port,
                "--bind-address=127.0.0.1", "--pid-file=" + dir.resolve("n" + i + ".pid"),
                "--log-error=" + dir.resolve("n" + i + ".err"),
                // Galera's own requirements, which RowMQ checks at start (docs/operations.md).
                "--binlog-format=ROW", "--default-storage-engine=InnoDB", "--innodb-autoinc-lock-mode=2",
                "--innodb-buffer-pool-size=64M", "--max-connections=300"));
        if (replicated) command.addAll(List.of("--wsrep-on=ON", "--wsrep-provider=" + PROVIDER,
                "--wsrep-cluster-name=rowmq-test", "--wsrep-node-name=n" + i, "--wsrep-node-address=127.0.0.1:" + (port + 1),
                "--wsrep-cluster-address=" + members,
                // A killed node is evicted within seconds, not the default's 15 s, so the survivors carry on soon.
                "--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:" + (port + 1) + ";ist.recv_addr=127.0.0.1:"
                        + (port + 2) + ";gcache.size=128M;evs.suspect_timeout=PT2S;evs.inactive_timeout=PT4S"
                        + ";evs.inactive_check_period=PT0.5S;evs.keepalive_period=PT0.5S",
                "--wsrep-sst-method=rsync", "--wsrep-sst-receive-address=127.0.0.1:" + (port + 3)));
        else command.add("--wsrep-on=OFF");
        if (asRoot) command.add("--user=mysql");
        if (bootstrap) command.add("--wsrep-new-cluster");
        Path out = dir.resolve("n" + i + ".out");
        processes[i] = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
    }

    private void awaitSynced(int i) throws Exception {
        long deadline = System.currentTimeMillis() + START_MILLIS;
        String last = "not reachable";
        while (System.currentTimeMillis() < deadline) {
            Process p = processes[i];
            if (p == null || !p.isAlive()) break;
            try (Connection c = connect(i, ""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'wsrep_local_state_comment'")) {
                last = rs.next() ? rs.getString(2) : "no wsrep status";
                if ("Synced".equals(last) || !replicated) return;
            } catch (SQLException e) {
                last = e.getMessage();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Galera node " + i + " did not become synced (" + last + "); its log:\n"
                + tail(dir.resolve("n" + i + ".err")));
    }

    /**
     * Creates {@value #DATABASE} on node 0, which may still refuse statements for a moment after reporting Synced
     * ("WSREP has not yet prepared node for application use") on a loaded machine.
     */
    private void createDatabase() throws Exception {
        long deadline = System.currentTimeMillis() + START_MILLIS;
        while (true) {
            try (Connection c = connect(0, ""); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + DATABASE);
                return;
            } catch (SQLException e) {
                if (!String.valueOf(e.getMessage()).contains("WSREP") || System.currentTimeMillis() > deadline) throw e;
                Thread.sleep(200);
            }
        }
    }

    private Connection connect(int i, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "root");
        p.setProperty("password", "");
        p.setProperty("connectTimeout", "2000");
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + sqlPort(i) + "/" + database, p);
    }

    private int sqlPort(int i) {
        return basePort + 10 * i;
    }

    private Path datadir(int i) {
        return dir.resolve("n" + i);
    }

    private static void requireInstalled() {
        String missing = null;
        if (!Files.isExecutable(SERVER)) missing = SERVER + " (mariadb-server)";
        else if (!Files.exists(PROVIDER)) missing = PROVIDER + " (galera-4)";
        else if (!onPath(INSTALL)) missing = INSTALL + " (mariadb-server)";
        else if (!onPath("rsync")) missing = "rsync";
        if (missing == null) return;
        String reason = "A Galera cluster needs " + missing + ", which is not installed";
        if ("required".equals(System.getProperty("rowmq.test.databases"))) {
            Assertions.fail(reason + " (rowmq.test.databases=required)");
        }
        Assumptions.abort(reason);
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) return true;
        }
        return false;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0)
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
    }
}
