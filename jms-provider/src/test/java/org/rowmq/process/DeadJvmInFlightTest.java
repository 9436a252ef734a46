package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.ChildJvm;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM killed while it holds messages in both in-flight forms, delivered-but-unacknowledged (CLIENT_ACKNOWLEDGE) and
 * prefetched-but-undelivered, loses none of them: once it is found dead (its life token free on PostgreSQL and MariaDB,
 * its lease run out on H2) another JVM receives them all, the delivered ones flagged as redelivered.
 */
class DeadJvmInFlightTest {
    private static final int MESSAGES = 30;
    private static final int DELIVERED = 4;
    private static final int PREFETCH = 10;

    static Stream<TestDatabase> databases() {
        return SharedDatabases.all("dead-in-flight");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void messagesHeldByAKilledJvmGoToAnotherJvmAfterItsLease(TestDatabase db) throws Exception {
        Path dir = SharedDatabases.directory("dead-in-flight", db);
        // A lease long enough to look at the dead JVM's rows before they are reaped, short enough for a quick test.
        StoreConfig config = db.config(Duration.ofMillis(300), Duration.ofSeconds(3));
        try (java.sql.Connection holdsH2Server = db.connect();
             RowConnectionFactory factory = new RowConnectionFactory(config);
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue(TestDatabase.unique("procs.dead"));
            List<String> ids = IntStream.range(0, MESSAGES).mapToObj(i -> "m" + i).toList();
            SharedDatabases.send(connection, queue, ids);

            Path records = dir.resolve("holder.records");
            List<Consumption> delivered;
            long inFlightAtDeath;
            try (ChildJvm holder = ChildJvm.builder("holder", HoldingConsumerMain.class).directory(dir)
                    .properties(ChildStore.properties(config, PREFETCH))
                    .args(queue.getQueueName(), records.toString(), Integer.toString(DELIVERED)).start()) {
                holder.awaitLine("HELD", Duration.ofSeconds(60));
                // Counted just before the kill: on PostgreSQL and MariaDB the dead JVM's freed life token gets its rows
                // reaped at once, so afterwards there is nothing left to count.
                inFlightAtDeath = factory.store().depth(queue.getQueueName()) - SharedDatabases.browse(connection, queue).size();
                // At once: a prefetch buffer nobody polls for a second goes back to the queue by itself.
                holder.kill();
                delivered = Consumption.read(holder.name(), records);
            }
            assertEquals(DELIVERED, delivered.size(), "the holder recorded each message it received");
            assertTrue(inFlightAtDeath > DELIVERED, "the dead JVM held prefetched messages beyond the " + DELIVERED
                    + " delivered ones, but only " + inFlightAtDeath + " were in flight");

            connection.start();
            MessageConsumer consumer = session.createConsumer(queue);
            Map<String, Message> received = new LinkedHashMap<>();
            Message last = null;
            for (int i = 0; i < MESSAGES; i++) {
                Message m = consumer.receive(30_000);
                assertNotNull(m, "message " + (i + 1) + " of " + MESSAGES + " within 30 s (the dead JVM's lease is 3 s); got " + received.keySet());
                assertNull(received.put(((TextMessage) m).getText(), m), "received twice: " + ((TextMessage) m).getText());
                last = m;
            }
            assertNull(consumer.receive(500), "nothing beyond the sent messages");
            assertEquals(ids.stream().sorted().toList(), received.keySet().stream().sorted().toList());
            for (Consumption c : delivered) {
                Message again = received.get(c.id());
                assertFalse(c.redelivered(), "the first delivery of " + c.id() + " was not flagged redelivered");
                assertTrue(again.getJMSRedelivered(), c.id() + " was delivered to the dead JVM, so it comes back redelivered");
                assertTrue(again.getIntProperty("JMSXDeliveryCount") > c.deliveryCount(),
                        c.id() + " comes back with a raised JMSXDeliveryCount, was " + again.getIntProperty("JMSXDeliveryCount"));
            }
            last.acknowledge();
            assertEquals(0, factory.store().depth(queue.getQueueName()), "acknowledging consumed every message");
            System.out.println("dead JVM on " + db + ": held " + inFlightAtDeath + " in flight (" + DELIVERED
                    + " delivered unacknowledged, " + (inFlightAtDeath - DELIVERED) + " prefetched); all "
                    + MESSAGES + " received once by the test JVM once it was found dead");
        }
    }
}
