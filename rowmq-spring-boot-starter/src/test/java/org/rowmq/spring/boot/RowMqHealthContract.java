package org.rowmq.spring.boot;

import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.spring.boot.example.OrderApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rowmq health indicator: store reachable, schema version, this node's lease; DOWN once the lease is lost. One
 * subclass per database ({@link RowMqHealthTest}). The test takes this node's lease away, so its application is closed
 * after the class.
 */
@SpringBootTest(classes = OrderApplication.class, properties = {
        "rowmq.lease.heartbeat=1h", // no heartbeat re-inserts or reaps during the test
        "rowmq.lease.timeout=3h"})
@DirtiesContext
abstract class RowMqHealthContract {
    @Autowired
    @Qualifier("rowmqHealthIndicator")
    HealthIndicator indicator;
    @Autowired
    RowConnectionFactory rowmq;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void upWithSchemaVersionAndLeaseThenDownOnceTheLeaseIsLost() throws Exception {
        Health health = indicator.health(true);
        assertEquals(Status.UP, health.getStatus(), health.toString());
        String node = rowmq.store().nodeId();
        assertEquals(node, health.getDetails().get("node"));
        assertNotNull(health.getDetails().get("lastHeartbeat"));
        assertEquals("PT3H", health.getDetails().get("leaseTimeout"));
        String schema = (String) health.getDetails().get("schemaVersion");
        assertTrue(schema.matches("\\d+"), "a migrated schema version, was " + schema);

        // What another node does when it presumes this one dead.
        jdbc.update("DELETE FROM rowmq_node WHERE id = ?", node);
        Health lost = indicator.health(true);
        assertEquals(Status.DOWN, lost.getStatus(), lost.toString());
        assertTrue(String.valueOf(lost.getDetails().get("lease")).startsWith("lost"), lost.toString());
    }
}
