package org.rowmq.store;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the database and how this JVM takes part. Either a JDBC URL (RowMQ runs its own HikariCP pool) or the
 * application's own {@link DataSource} (shared, never closed by RowMQ).
 *
 * @param jdbcUrl        JDBC URL, or null when {@code dataSource} is given
 * @param user           database user, may be null
 * @param password       database password, may be null
 * @param dataSource     the application's pool, or null
 * @param poolSize       maximum connections of RowMQ's own pool
 * @param heartbeat      how often this node refreshes its row in the node table
 * @param leaseTimeout   how long without a heartbeat before a node is presumed dead and its in-flight rows return
 */
public record StoreConfig(String jdbcUrl, String user, String password, DataSource dataSource, int poolSize,
                          Duration heartbeat, Duration leaseTimeout) {

    /** Embedded H2 in ./rowmq-data; AUTO_SERVER lets other JVMs on this machine share the file. */
    public static final String DEFAULT_URL = "jdbc:h2:file:./rowmq-data/rowmq;AUTO_SERVER=TRUE;WRITE_DELAY=0";
    public static final int DEFAULT_POOL_SIZE = 10;
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LEASE_TIMEOUT = Duration.ofSeconds(30);

    public StoreConfig {
        if (jdbcUrl == null && dataSource == null) jdbcUrl = DEFAULT_URL;
        if (jdbcUrl != null && dataSource != null)
            throw new IllegalArgumentException("give either a JDBC URL or a DataSource, not both");
        if (poolSize < 1) throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(leaseTimeout, "leaseTimeout");
        if (leaseTimeout.compareTo(heartbeat.multipliedBy(2)) < 0)
            throw new IllegalArgumentException("leaseTimeout (" + leaseTimeout + ") must be at least twice the heartbeat (" + heartbeat + ")");
    }

    public static StoreConfig url(String jdbcUrl, String user, String password) {
        return new StoreConfig(jdbcUrl, user, password, null, DEFAULT_POOL_SIZE, DEFAULT_HEARTBEAT, DEFAULT_LEASE_TIMEOUT);
    }

    public static StoreConfig dataSource(DataSource dataSource) {
        return new StoreConfig(null, null, null, dataSource, DEFAULT_POOL_SIZE, DEFAULT_HEARTBEAT, DEFAULT_LEASE_TIMEOUT);
    }

    public StoreConfig withPoolSize(int size) {
        return new StoreConfig(jdbcUrl, user, password, dataSource, size, heartbeat, leaseTimeout);
    }

    public StoreConfig withLease(Duration heartbeat, Duration leaseTimeout) {
        return new StoreConfig(jdbcUrl, user, password, dataSource, poolSize, heartbeat, leaseTimeout);
    }
}
