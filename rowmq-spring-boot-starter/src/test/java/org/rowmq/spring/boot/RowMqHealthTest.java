package org.rowmq.spring.boot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.spring.boot.example.OrderApplication;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rowmq health indicator: store reachable, schema version, this node's lease; DOWN once the lease is lost. */
class RowMqHealthTest {

    static Stream<BootDatabase> databases() {
        return BootDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void upWithSchemaVersionAndLeaseThenDownOnceTheLeaseIsLost(BootDatabase db) throws Exception {
        List<String> properties = new ArrayList<>(db.freshDataSourceProperties());
        properties.add("rowmq.lease.heartbeat=1h"); // no heartbeat re-inserts or reaps during the test
        properties.add("rowmq.lease.timeout=3h");
        try (ConfigurableApplicationContext app = BootApps.run(OrderApplication.class, properties)) {
            HealthIndicator indicator = app.getBean("rowmqHealthIndicator", HealthIndicator.class);
            Health health = indicator.health(true);
            assertEquals(Status.UP, health.getStatus(), health.toString());
            String node = app.getBean(RowConnectionFactory.class).store().nodeId();
            assertEquals(node, health.getDetails().get("node"));
            assertNotNull(health.getDetails().get("lastHeartbeat"));
            assertEquals("PT3H", health.getDetails().get("leaseTimeout"));
            String schema = (String) health.getDetails().get("schemaVersion");
            assertTrue(schema.matches("\\d+"), "a migrated schema version, was " + schema);

            // What another node does when it presumes this one dead.
            app.getBean(JdbcTemplate.class).update("DELETE FROM rowmq_node WHERE id = ?", node);
            Health lost = indicator.health(true);
            assertEquals(Status.DOWN, lost.getStatus(), lost.toString());
            assertTrue(String.valueOf(lost.getDetails().get("lease")).startsWith("lost"), lost.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void managementHealthRowmqEnabledFalseLeavesItOut(BootDatabase db) {
        if (db != BootDatabase.H2) return;
        try (ConfigurableApplicationContext app = BootApps.run(OrderApplication.class,
                "management.health.rowmq.enabled=false")) {
            assertFalse(app.containsBean("rowmqHealthIndicator"));
        }
    }
}
