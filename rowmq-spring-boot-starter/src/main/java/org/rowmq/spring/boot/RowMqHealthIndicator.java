package org.rowmq.spring.boot;

import org.rowmq.client.RowConnectionFactory;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * UP when RowMQ's store opens, its schema is migrated and this JVM still holds its lease (its row in the node table:
 * without it, other nodes have taken over its in-flight messages and it must not go on delivering). Details: node,
 * schema version, last heartbeat, lease timeout. Opening the store on the first check is deliberate: a store that
 * cannot open is what this indicator is for.
 */
public class RowMqHealthIndicator extends AbstractHealthIndicator {
    private final RowConnectionFactory factory;
    private final StoreProbe probe;

    RowMqHealthIndicator(RowConnectionFactory factory, StoreProbe probe) {
        super("RowMQ health check failed");
        this.factory = factory;
        this.probe = probe;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        String node = factory.store().nodeId();
        StoreProbe.Reading reading = probe.read(node);
        builder.withDetail("node", node);
        builder.withDetail("schemaVersion", String.valueOf(reading.schemaVersion()));
        if (reading.lease() == null) {
            builder.down().withDetail("lease", "lost: this node's row is gone from the node table, other nodes have"
                    + " taken over its in-flight messages; restart the application");
            return;
        }
        builder.up()
                .withDetail("lastHeartbeat", reading.lease().lastHeartbeat().toString())
                .withDetail("leaseTimeout", reading.lease().timeout().toString());
    }
}
