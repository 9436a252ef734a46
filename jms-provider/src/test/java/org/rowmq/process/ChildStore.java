package org.rowmq.process;

import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store a child JVM opens, handed over as system properties: the test's database and the same short lease, so
 * that the test JVM's node and the children's nodes judge each other's liveness alike.
 */
final class ChildStore {
    private static final String URL = "rowmq.child.url";
    private static final String USER = "rowmq.child.user";
    private static final String PASSWORD = "rowmq.child.password";
    private static final String HEARTBEAT = "rowmq.child.heartbeatMillis";
    private static final String LEASE = "rowmq.child.leaseMillis";
    private static final String PREFETCH = "rowmq.child.prefetch";

    private ChildStore() {
    }

    /** System properties for a child that should use {@code config} with the given prefetch. */
    static Map<String, String> properties(StoreConfig config, int prefetch) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(URL, config.jdbcUrl());
        p.put(USER, config.user());
        p.put(PASSWORD, config.password());
        p.put(HEARTBEAT, Long.toString(config.heartbeat().toMillis()));
        p.put(LEASE, Long.toString(config.leaseTimeout().toMillis()));
        p.put(PREFETCH, Integer.toString(prefetch));
        return p;
    }

    /** In the child: the connection factory the parent described. */
    static RowConnectionFactory factory() {
        StoreConfig config = StoreConfig.url(required(URL), System.getProperty(USER), System.getProperty(PASSWORD))
                .withLease(Duration.ofMillis(Long.parseLong(required(HEARTBEAT))),
                        Duration.ofMillis(Long.parseLong(required(LEASE))));
        RowConnectionFactory factory = new RowConnectionFactory(config);
        factory.setPrefetch(Integer.parseInt(required(PREFETCH)));
        return factory;
    }

    private static String required(String key) {
        String value = System.getProperty(key);
        if (value == null) throw new IllegalStateException("system property " + key + " is missing");
        return value;
    }
}
