package org.rowmq.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of the benchmark's own: initdb into a temporary directory, started on its own port with
 * initdb's durable defaults (fsync and synchronous_commit on), so that no figure depends on a shared server's
 * settings or on other work on it. Only settings that do not touch durability are given: the port, enough
 * connections for 16 x 16 on every provider, and pg_stat_statements (statements per message). Stopped and deleted on
 * close.
 */
final class PrivatePostgres implements Database, AutoCloseable {
    private static final String OS_USER = "postgres";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;
    private final Set<String> created = new HashSet<>();

    private PrivatePostgres(Path bin, Path dir, int port, boolean asRoot) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
    }

    static PrivatePostgres start(Path bin, int port) throws IOException, InterruptedException {
        if (!Files.isExecutable(bin.resolve("initdb")))
            throw new IllegalStateException("no initdb in " + bin + "; give PostgreSQL's binaries with --pg-bin");
        // initdb and postgres refuse to run as root: then the cluster belongs to the postgres account.
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("rowmq-bench-pg");
        PrivatePostgres pg = new PrivatePostgres(bin, dir, port, asRoot);
        if (asRoot) run(List.of("chown", OS_USER, dir.toString()));
        pg.pg(List.of("initdb", "-D", dir.resolve("data").toString(), "-U", "postgres", "--auth=trust",
                "--no-instructions", "-E", "UTF8"));
        pg.pg(List.of("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(), "-w",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=300"
                        + " -c shared_preload_libraries=pg_stat_statements", "start"));
        return pg;
    }

    @Override
    public synchronized Jdbc database(String name) throws SQLException {
        if (!name.matches("[a-z_]+")) throw new IllegalArgumentException("database name " + name);
        Jdbc admin = new Jdbc(url("postgres"), "postgres", "");
        if (created.add(name)) {
            try (Connection c = admin.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            try (Connection c = new Jdbc(url(name), "postgres", "").connect(); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION pg_stat_statements");
            }
        }
        return new Jdbc(url(name), "postgres", "");
    }

    Path dataDirectory() {
        return dir.resolve("data");
    }

    String version() throws SQLException {
        try (Connection c = new Jdbc(url("postgres"), "postgres", "").connect(); Statement s = c.createStatement();
             var rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String url(String name) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
    }

    @Override
    public void close() throws Exception {
        try {
            pg(List.of("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop"));
        } finally {
            run(List.of("rm", "-rf", dir.toString()));
        }
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asRoot) full.addAll(List.of("runuser", "-u", OS_USER, "--"));
        full.add(bin.resolve(command.get(0)).toString());
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
