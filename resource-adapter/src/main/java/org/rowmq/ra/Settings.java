package org.rowmq.ra;

import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.security.SecurityPolicy;
import org.rowmq.store.StoreConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where RowMQ's store lives and how this server takes part, as configured on the resource adapter (defaults) or a
 * connection definition (overrides). A null field means "not configured here".
 *
 * @param jdbcUrl              RowMQ's own pool: its claims, group commits and heartbeats run there, never in an
 *                             application's transaction; null with a datasource: they run on the datasource, with
 *                             the caller's transaction suspended
 * @param dataSourceJndiName   a WildFly datasource on the same database and schema: inside a JTA transaction sends and
 *                             acknowledgements run on its enlisted connection instead of being an XA participant
 * @param securityFile         RowMQ's users, roles and permissions (README "Security") for the connections of these
 *                             settings; null: the provider's default (the system property or environment variable)
 */
public record Settings(String jdbcUrl, String user, String password, Integer poolSize, Integer prefetch,
                       Integer leaseHeartbeatSeconds, Integer leaseTimeoutSeconds, String dataSourceJndiName,
                       String securityFile) {

    public static final Settings NONE = new Settings(null, null, null, null, null, null, null, null, null);

    /** These settings, with what they leave open taken from {@code defaults}. */
    public Settings over(Settings defaults) {
        return new Settings(or(jdbcUrl, defaults.jdbcUrl), or(user, defaults.user), or(password, defaults.password),
                or(poolSize, defaults.poolSize), or(prefetch, defaults.prefetch),
                or(leaseHeartbeatSeconds, defaults.leaseHeartbeatSeconds),
                or(leaseTimeoutSeconds, defaults.leaseTimeoutSeconds), or(dataSourceJndiName, defaults.dataSourceJndiName),
                or(securityFile, defaults.securityFile));
    }

    /** A factory on these settings; factories with equal settings share one store (the provider's rule). */
    RowXAConnectionFactory newFactory() {
        StoreConfig config = storeOnDataSource()
                ? StoreConfig.dataSource(TransactionFreeDataSource.lookup(dataSourceJndiName))
                : StoreConfig.url(blankToNull(jdbcUrl), blankToNull(user), password);
        if (poolSize != null) config = config.withPoolSize(poolSize);
        if (leaseHeartbeatSeconds != null || leaseTimeoutSeconds != null) {
            Duration heartbeat = leaseHeartbeatSeconds == null ? StoreConfig.DEFAULT_HEARTBEAT
                    : Duration.ofSeconds(leaseHeartbeatSeconds);
            Duration timeout = leaseTimeoutSeconds == null ? StoreConfig.DEFAULT_LEASE_TIMEOUT
                    : Duration.ofSeconds(leaseTimeoutSeconds);
            config = config.withLease(heartbeat, timeout);
        }
        RowXAConnectionFactory factory = new RowXAConnectionFactory(config);
        if (prefetch != null) factory.setPrefetch(prefetch);
        if (securityFile != null) {
            try {
                factory.setSecurity(SecurityPolicy.load(Path.of(securityFile)));
            } catch (IOException | RuntimeException e) {
                factory.close();
                throw new IllegalArgumentException("RowMQ's securityFile " + securityFile + " cannot be used: "
                        + e.getMessage(), e);
            }
        }
        return factory;
    }

    /**
     * Whether RowMQ's store lives on the datasource rather than a pool of its own: a datasource is named and no JDBC URL
     * is, here or in the adapter's defaults. Its connections then come from the server's pool, outside transactions.
     */
    public boolean storeOnDataSource() {
        return blankToNull(jdbcUrl) == null && dataSourceJndiName != null;
    }

    /** What the log may show: everything but the password. */
    @Override
    public String toString() {
        return "Settings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + ", prefetch=" + prefetch
                + ", lease=" + leaseHeartbeatSeconds + "/" + leaseTimeoutSeconds + " s, dataSourceJndiName="
                + dataSourceJndiName + ", securityFile=" + securityFile + "]";
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
