package org.rowmq.admin;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Where the tables are: the JDBC URL, user and password applications use (options, or the environment variables
 * ROWMQ_URL, ROWMQ_USER, ROWMQ_PASSWORD), or a connection factory of the JNDI properties file they use.
 */
public final class Database {

    @Option(names = "--url", defaultValue = "${env:ROWMQ_URL}", description = "JDBC URL (env ROWMQ_URL)")
    String url;

    @Option(names = "--user", defaultValue = "${env:ROWMQ_USER}", description = "database user (env ROWMQ_USER)")
    String user;

    @Option(names = "--password", defaultValue = "${env:ROWMQ_PASSWORD}", description = "database password (env ROWMQ_PASSWORD)")
    String password;

    @Option(names = "--jndi", description = "a JNDI properties file of the applications (connectionFactory.NAME = URL)")
    Path jndi;

    @Option(names = "--factory", description = "which connectionFactory of the --jndi file, when it has several")
    String factory;

    /** A small pool of its own: a command runs a few statements and ends. */
    HikariDataSource open() throws BadInput {
        Resolved r = resolve();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(r.url);
        if (r.user != null) config.setUsername(r.user);
        if (r.password != null) config.setPassword(r.password);
        config.setMaximumPoolSize(2);
        config.setPoolName("rowmq-admin");
        // Fail quickly on an unreachable database: an operator is waiting.
        config.setConnectionTimeout(10_000);
        return new HikariDataSource(config);
    }

    private record Resolved(String url, String user, String password) {
    }

    private Resolved resolve() throws BadInput {
        if (jndi == null) {
            if (url == null || url.isBlank())
                throw new BadInput("Say where RowMQ's tables are: --url JDBC-URL (or ROWMQ_URL), or --jndi FILE");
            return new Resolved(url, user, password);
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(jndi)) {
            p.load(in);
        } catch (IOException e) {
            throw new BadInput("Cannot read the JNDI properties file " + jndi + ": " + e.getMessage());
        }
        TreeSet<String> factories = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            // Both spellings the provider accepts (Qpid's lower-case one too); the prefixes are equally long.
            if (!key.startsWith("connectionFactory.") && !key.startsWith("connectionfactory.")) continue;
            String rest = key.substring("connectionFactory.".length());
            if (!rest.contains(".")) factories.add(rest);
        }
        String name = factory;
        if (name == null) {
            if (factories.size() != 1)
                throw new BadInput(jndi + " has " + (factories.isEmpty() ? "no connection factory" : "the connection factories "
                        + factories) + "; name one with --factory");
            name = factories.first();
        } else if (!factories.contains(name)) {
            throw new BadInput(jndi + " has no connection factory '" + name + "' (it has " + factories + ")");
        }
        String found = value(p, name, "");
        String jdbcUrl = found == null || found.isBlank() ? org.rowmq.store.StoreConfig.DEFAULT_URL : found.trim();
        return new Resolved(jdbcUrl, user != null ? user : value(p, name, ".user"), password != null ? password : value(p, name, ".password"));
    }

    private static String value(Properties p, String factory, String suffix) {
        String v = p.getProperty("connectionFactory." + factory + suffix);
        return v != null ? v : p.getProperty("connectionfactory." + factory + suffix);
    }
}
