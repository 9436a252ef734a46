package org.rowmq.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.DestinationSettings;
import org.rowmq.testsupport.TestDatabase;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's metrics after real traffic: into a Micrometer registry the application passes, and as JMX MBeans by
 * default. Three messages are sent, delivered and rolled back twice (maximum two deliveries), so each is redelivered
 * once and then dead-lettered, and the dead letters are consumed.
 */
class StoreMetricsTest {

    private static final int MESSAGES = 3;

    /** Sends, redelivers, dead-letters and finally acknowledges the messages; returns the dead-letter queue's name. */
    private static String traffic(RowConnectionFactory factory, String queue) throws Exception {
        String dlq = queue + ".dead";
        factory.configureDestination(queue, DestinationSettings.DEFAULTS.withMaxDeliveries(2, dlq));
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (int i = 0; i < MESSAGES; i++) p.send(s.createTextMessage("m" + i));
            c.start();
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = tx.createConsumer(tx.createQueue(queue));
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < MESSAGES; i++) assertNotNull(consumer.receive(10_000), "round " + round + " message " + i);
                tx.rollback();
            }
            consumer.close();
            MessageConsumer dead = s.createConsumer(s.createQueue(dlq));
            for (int i = 0; i < MESSAGES; i++) assertNotNull(dead.receive(10_000), "dead letter " + i);
            dead.close();
        }
        return dlq;
    }

    @Test
    void anApplicationsMeterRegistryGetsDestinationAndStoreMetrics() throws Exception {
        TestDatabase db = TestDatabase.freshH2("metrics-micrometer");
        MeterRegistry registry = new SimpleMeterRegistry();
        RowConnectionFactory factory = new RowConnectionFactory(db.config());
        factory.setMeterRegistry(registry);
        try {
            String queue = TestDatabase.unique("metered");
            String dlq = traffic(factory, queue);

            assertEquals(MESSAGES, registry.get("rowmq.messages.sent").tag("destination", queue).counter().count());
            assertEquals(MESSAGES, registry.get("rowmq.messages.redelivered").tag("destination", queue).counter().count());
            assertEquals(MESSAGES, registry.get("rowmq.messages.dead.lettered").tag("destination", queue).counter().count());
            assertTrue(registry.get("rowmq.messages.delivered").tag("destination", queue).counter().count() >= 2 * MESSAGES);
            assertTrue(registry.get("rowmq.messages.delivered").tag("destination", dlq).counter().count() >= MESSAGES);
            assertTrue(registry.get("rowmq.messages.acknowledged").counter().count() >= MESSAGES);
            assertEquals(0.0, registry.get("rowmq.destination.depth").tag("destination", dlq).gauge().value());

            var units = registry.get("rowmq.group.commit.units").summary();
            assertTrue(units.count() >= 1, "group commits recorded");
            assertTrue(units.totalAmount() >= units.count(), "each commit carries at least one unit");
            assertTrue(registry.get("rowmq.group.commit.latency").timer().count() >= 1);
            assertTrue(registry.get("rowmq.claim.latency").timer().count() >= 1);
            assertTrue(registry.get("rowmq.claims").tag("result", "messages").counter().count() >= 1);
            assertTrue(registry.get("rowmq.wakeups").counter().count() >= 1);
            assertNotNull(registry.find("hikaricp.connections").gauge(), "the pool reports its own use");

            // Temporary queues come and go: recorded under one name, never one meter each.
            String temporaryName;
            try (Connection c = factory.createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                var temporary = s.createTemporaryQueue();
                temporaryName = temporary.getQueueName();
                s.createProducer(temporary).send(s.createTextMessage("reply"));
                c.start();
                assertNotNull(s.createConsumer(temporary).receive(10_000));
            }
            assertEquals(1.0, registry.get("rowmq.messages.sent").tag("destination", "(temporary)").counter().count());
            assertTrue(registry.find("rowmq.messages.sent").tag("destination", temporaryName).counters().isEmpty());
            assertTrue(registry.find("rowmq.destination.depth").tag("destination", "(temporary)").gauges().isEmpty());
        } finally {
            factory.close();
        }
    }

    @Test
    void withoutARegistryTheMetricsAreMBeansUntilTheStoreCloses() throws Exception {
        TestDatabase db = TestDatabase.freshH2("metrics-jmx");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        RowConnectionFactory factory = new RowConnectionFactory(db.config());
        ObjectName storeName;
        ObjectName queueName;
        String queue = TestDatabase.unique("watched");
        try {
            traffic(factory, queue);
            String node = factory.store().nodeId();
            storeName = new ObjectName("org.rowmq:type=Store,node=" + ObjectName.quote(node));
            queueName = new ObjectName("org.rowmq:type=Destination,node=" + ObjectName.quote(node) + ",name=" + ObjectName.quote(queue));
            assertEquals((long) MESSAGES, server.getAttribute(queueName, "Sent"));
            assertEquals((long) MESSAGES, server.getAttribute(queueName, "Redelivered"));
            assertEquals((long) MESSAGES, server.getAttribute(queueName, "DeadLettered"));
            assertEquals(0.0, server.getAttribute(queueName, "Depth"));
            assertTrue((long) server.getAttribute(storeName, "GroupCommits") >= 1);
            assertTrue((double) server.getAttribute(storeName, "MeanUnitsPerCommit") >= 1.0);
            assertTrue((long) server.getAttribute(storeName, "Claims") >= 1);
            assertTrue((long) server.getAttribute(storeName, "Acknowledged") >= MESSAGES);
            assertFalse(server.queryNames(new ObjectName("com.zaxxer.hikari:type=Pool *"), null).isEmpty(),
                    "HikariCP's pool MBean");
        } finally {
            factory.close();
        }
        assertFalse(server.isRegistered(storeName), "unregistered with the store");
        assertFalse(server.isRegistered(queueName));
    }

    @Test
    void aRegistryOfAnotherKindIsRefused() {
        RowConnectionFactory factory = new RowConnectionFactory(TestDatabase.freshH2("metrics-refused").config());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> factory.setMeterRegistry("registry"));
        assertTrue(e.getMessage().contains("MeterRegistry"), e.getMessage());
    }
}
