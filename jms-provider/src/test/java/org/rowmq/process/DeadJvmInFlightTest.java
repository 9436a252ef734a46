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
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A JVM killed while it holds messages in both in-flight forms, delivered-but-unacknowledged and
 * prefetched-but-undelivered, loses none of them: once it is found dead (its life token free on PostgreSQL and MariaDB,
 * its lease run out on H2) another JVM receives them all. The ones the dead JVM's application had been handed (the
 * child records them before the kill) come back flagged redelivered with a raised JMSXDeliveryCount; the ones that
 * only waited in its prefetch come back as first deliveries (JMSXDeliveryCount 1, not redelivered). Two ways of
 * holding: CLIENT_ACKNOWLEDGE receives never acknowledged, and an AUTO_ACKNOWLEDGE listener that never returns from
 * its last message (the ones it returned from are consumed). A third, CLIENT_ACKNOWLEDGE that acknowledged an interval
 * of k messages and then received one more: that acknowledgement marked the k buffered messages after them delivered
 * ahead, so those come back flagged (the one delivered and the k - 1 never seen, the mode's stated allowance), and every
 * message beyond them comes back as a first delivery.
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
    void messagesHeldByAKilledClientAcknowledgeJvmGoToAnotherJvm(TestDatabase db) throws Exception {
        holdKillAndReceive(db, "client");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void messagesHeldByAKilledAutoAcknowledgeListenerGoToAnotherJvm(TestDatabase db) throws Exception {
        holdKillAndReceive(db, "auto-listener");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aKilledClientAcknowledgeJvmFlagsOnlyTheIntervalItMarkedAhead(TestDatabase db) throws Exception {
        holdKillAndReceive(db, "client-interval");
    }

    private void holdKillAndReceive(TestDatabase db, String mode) throws Exception {
        Path dir = SharedDatabases.directory("dead-in-flight-" + mode, db);
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
            List<Consumption> consumption;
            long inFlightAtDeath;
            try (ChildJvm holder = ChildJvm.builder("holder-" + mode, HoldingConsumerMain.class).directory(dir)
                    .properties(ChildStore.properties(config, PREFETCH))
                    .args(queue.getQueueName(), records.toString(), Integer.toString(DELIVERED), mode).start()) {
                holder.awaitLine("HELD", Duration.ofSeconds(60));
                // Counted just before the kill: on PostgreSQL and MariaDB the dead JVM's freed life token gets its rows
                // reaped at once, so afterwards there is nothing left to count.
                inFlightAtDeath = factory.store().depth(queue.getQueueName()) - SharedDatabases.browse(connection, queue).size();
                // At once: a prefetch buffer nobody polls for a second goes back to the queue by itself.
                holder.kill();
                consumption = Consumption.read(holder.name(), records);
            }
            // Handed to the dead JVM's application: all of them, less those its listener returned from (consumed).
            Set<String> consumed = consumption.stream().filter(c -> c.kind() == Consumption.Kind.C)
                    .map(Consumption::id).collect(Collectors.toSet());
            List<Consumption> held = consumption.stream()
                    .filter(c -> c.kind() == Consumption.Kind.R && !consumed.contains(c.id())).toList();
            assertEquals(DELIVERED, consumption.stream().filter(c -> c.kind() == Consumption.Kind.R).count(),
                    "the holder recorded each message it received: " + consumption);
            assertEquals(mode.equals("client") ? DELIVERED : 1, held.size(), "held unacknowledged: " + consumption);
            // client-interval: the acknowledgement of m0..m(k-1) marked m(k)..m(2k-1) ahead (one prefetch, in order).
            int interval = DELIVERED - 1;
            Set<String> markedAhead = mode.equals("client-interval")
                    ? IntStream.range(interval, 2 * interval).mapToObj(i -> "m" + i).collect(Collectors.toSet())
                    : Set.of();
            assertTrue(inFlightAtDeath > held.size(), "the dead JVM held prefetched messages beyond the " + held.size()
                    + " delivered ones, but only " + inFlightAtDeath + " were in flight");

            connection.start();
            MessageConsumer consumer = session.createConsumer(queue);
            Map<String, Message> received = new LinkedHashMap<>();
            Message last = null;
            int expected = MESSAGES - consumed.size();
            for (int i = 0; i < expected; i++) {
                Message m = consumer.receive(30_000);
                assertNotNull(m, "message " + (i + 1) + " of " + expected + " within 30 s (the dead JVM's lease is 3 s); got " + received.keySet());
                assertNull(received.put(((TextMessage) m).getText(), m), "received twice: " + ((TextMessage) m).getText());
                last = m;
            }
            assertNull(consumer.receive(500), "nothing beyond the sent messages, none of those consumed again");
            assertEquals(ids.stream().filter(id -> !consumed.contains(id)).sorted().toList(),
                    received.keySet().stream().sorted().toList(), "every message not consumed by the dead JVM");
            Set<String> heldIds = held.stream().map(Consumption::id).collect(Collectors.toSet());
            for (Consumption c : held) {
                Message again = received.get(c.id());
                assertFalse(c.redelivered(), "the first delivery of " + c.id() + " was not flagged redelivered");
                assertTrue(again.getJMSRedelivered(), c.id() + " was delivered to the dead JVM, so it comes back redelivered");
                assertTrue(again.getIntProperty("JMSXDeliveryCount") > c.deliveryCount(),
                        c.id() + " comes back with a raised JMSXDeliveryCount, was " + again.getIntProperty("JMSXDeliveryCount"));
            }
            for (Message m : received.values()) {
                String id = ((TextMessage) m).getText();
                if (heldIds.contains(id)) continue;
                if (markedAhead.contains(id)) {
                    assertTrue(m.getJMSRedelivered(), id + " was marked delivered ahead by the acknowledgement: flagged");
                    continue;
                }
                assertFalse(m.getJMSRedelivered(), id + " never reached the dead JVM's application: not redelivered");
                assertEquals(1, m.getIntProperty("JMSXDeliveryCount"), id + " never reached the dead JVM's application");
            }
            last.acknowledge();
            assertEquals(0, factory.store().depth(queue.getQueueName()), "acknowledging consumed every message");
            System.out.println("dead JVM (" + mode + ") on " + db + ": held " + inFlightAtDeath + " in flight ("
                    + held.size() + " delivered unacknowledged, " + (inFlightAtDeath - held.size()) + " prefetched); all "
                    + expected + " not consumed received once by the test JVM once it was found dead, only the "
                    + held.size() + " delivered ones flagged redelivered"
                    + (markedAhead.isEmpty() ? "" : " and the " + (markedAhead.size() - held.size())
                    + " never seen that the acknowledgement marked ahead"));
        }
    }
}
