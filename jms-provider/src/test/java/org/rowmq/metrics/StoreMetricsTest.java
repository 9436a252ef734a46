package org.rowmq.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.store.BranchId;
import org.rowmq.store.DestinationSettings;
import org.rowmq.testsupport.TestDatabase;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.transaction.xa.XAResource;
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
            // Each message reached the application twice from the queue (two rolled-back rounds), once from the DLQ.
            assertEquals(2 * MESSAGES, registry.get("rowmq.messages.delivered").tag("destination", queue).counter().count());
            assertEquals(MESSAGES, registry.get("rowmq.messages.delivered").tag("destination", dlq).counter().count());
            assertEquals(MESSAGES, registry.get("rowmq.messages.acknowledged").tag("destination", dlq).counter().count());
            assertTrue(registry.find("rowmq.messages.acknowledged").tag("destination", queue).counters().isEmpty(),
                    "nothing was acknowledged from the queue itself");
            assertEquals(0.0, registry.get("rowmq.destination.depth").tag("destination", dlq).gauge().value());

            var units = registry.get("rowmq.group.commit.units").summary();
            assertTrue(units.count() >= 1, "group commits recorded");
            assertTrue(units.totalAmount() >= units.count(), "each commit carries at least one unit");
            var statements = registry.get("rowmq.group.commit.statements").summary();
            assertEquals(units.count(), statements.count(), "one record per group commit");
            assertTrue(statements.totalAmount() >= 2 * statements.count(), "its writes and its commit, at least");
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
    void deliveredCountsWhatTheApplicationGotNotWhatWasPrefetchedAndReturned() throws Exception {
        TestDatabase db = TestDatabase.freshH2("metrics-prefetch");
        MeterRegistry registry = new SimpleMeterRegistry();
        RowConnectionFactory factory = new RowConnectionFactory(db.config());
        factory.setMeterRegistry(registry);
        factory.setPrefetch(10);
        String queue = TestDatabase.unique("prefetched");
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (int i = 0; i < 5; i++) p.send(s.createTextMessage("m" + i));
            c.start();
            MessageConsumer first = s.createConsumer(s.createQueue(queue));
            assertNotNull(first.receive(10_000));
            first.close(); // its prefetch (the other four, claimed in the same batch) goes back untouched
            MessageConsumer second = s.createConsumer(s.createQueue(queue));
            for (int i = 1; i < 5; i++) assertNotNull(second.receive(10_000), "message " + i);
            second.close();
        } finally {
            factory.close();
        }
        assertTrue(registry.get("rowmq.claims").tag("result", "messages").counter().count() >= 2,
                "the first consumer's batch was returned and claimed again");
        assertEquals(5.0, registry.get("rowmq.messages.delivered").tag("destination", queue).counter().count());
        assertEquals(5.0, registry.get("rowmq.messages.acknowledged").tag("destination", queue).counter().count());
        assertTrue(registry.find("rowmq.messages.redelivered").tag("destination", queue).counters().isEmpty(),
                "a prefetch return is no redelivery");
    }

    @Test
    void xaBranchesCountTheirSendsAndAcknowledgementsUnderTheDestination() throws Exception {
        TestDatabase db = TestDatabase.freshH2("metrics-xa");
        MeterRegistry registry = new SimpleMeterRegistry();
        RowXAConnectionFactory factory = new RowXAConnectionFactory(db.config());
        factory.setMeterRegistry(registry);
        String queue = TestDatabase.unique("xa");
        try (XAConnection c = factory.createXAConnection()) {
            c.start();
            XASession s = c.createXASession();
            XAResource r = s.getXAResource();
            BranchId send = branch("send");
            r.start(send, XAResource.TMNOFLAGS);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.send(s.createTextMessage("one"));
            p.send(s.createTextMessage("two"));
            r.end(send, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, r.prepare(send));
            r.commit(send, false);

            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            BranchId twoPhase = branch("receive-2pc");
            r.start(twoPhase, XAResource.TMNOFLAGS);
            assertNotNull(consumer.receive(10_000));
            r.end(twoPhase, XAResource.TMSUCCESS);
            assertEquals(XAResource.XA_OK, r.prepare(twoPhase));
            r.commit(twoPhase, false);
            BranchId onePhase = branch("receive-1pc");
            r.start(onePhase, XAResource.TMNOFLAGS);
            assertNotNull(consumer.receive(10_000));
            r.end(onePhase, XAResource.TMSUCCESS);
            r.commit(onePhase, true);
        } finally {
            factory.close();
        }
        assertEquals(2.0, registry.get("rowmq.messages.sent").tag("destination", queue).counter().count());
        assertEquals(2.0, registry.get("rowmq.messages.delivered").tag("destination", queue).counter().count());
        assertEquals(2.0, registry.get("rowmq.messages.acknowledged").tag("destination", queue).counter().count());
    }

    private static BranchId branch(String name) {
        return new BranchId(4711, (name + "-" + java.util.UUID.randomUUID()).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new byte[]{1});
    }

    @Test
    void expiredMessagesAreCountedUnderTheirDestination() throws Exception {
        TestDatabase db = TestDatabase.freshH2("metrics-expired");
        MeterRegistry registry = new SimpleMeterRegistry();
        RowConnectionFactory factory = new RowConnectionFactory(db.config());
        factory.setMeterRegistry(registry);
        String queue = TestDatabase.unique("expiring");
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            p.setTimeToLive(1);
            for (int i = 0; i < 2; i++) p.send(s.createTextMessage("short-lived " + i));
            // The periodic cleanup (every 5 s) deletes them; wait generously for it.
            long deadline = System.currentTimeMillis() + 60_000;
            while (registry.find("rowmq.messages.expired").tag("destination", queue).counter() == null
                    || registry.get("rowmq.messages.expired").tag("destination", queue).counter().count() < 2) {
                assertTrue(System.currentTimeMillis() < deadline, "the cleanup never deleted the expired messages");
                Thread.sleep(100);
            }
        } finally {
            factory.close();
        }
        assertEquals(2.0, registry.get("rowmq.messages.expired").tag("destination", queue).counter().count());
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
            assertEquals((long) 2 * MESSAGES, server.getAttribute(queueName, "Delivered"));
            assertEquals((long) MESSAGES, server.getAttribute(queueName, "DeadLettered"));
            assertEquals(0.0, server.getAttribute(queueName, "Depth"));
            assertTrue((long) server.getAttribute(storeName, "GroupCommits") >= 1);
            assertTrue((double) server.getAttribute(storeName, "MeanUnitsPerCommit") >= 1.0);
            assertTrue((double) server.getAttribute(storeName, "MeanRowsPerCommit") >= 1.0);
            assertTrue((double) server.getAttribute(storeName, "MeanStatementsPerCommit") >= 2.0);
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
