package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer JVM killed with {@code kill -9} while it holds every message of a queue, some delivered and
 * unacknowledged, the rest prefetched: with the production heartbeat and lease, another JVM whose consumer is already
 * waiting in {@code receive} gets them back. The outcome is asserted (each message comes back once, the delivered ones
 * flagged redelivered with a raised delivery count, the prefetched-only ones as first deliveries); the delay from the kill to the first redelivery is only measured and printed, the test fails
 * only if nothing comes back within {@code rowmq.kill.waitSeconds} (20 s unless set).
 *
 * <p>{@code -Drowmq.kills=N} repeats the kill N times per database (1 unless set) and prints min/median/max.
 */
class KilledConsumerRedeliveryTest {
    private static final int DELIVERED = 4;
    private static final int PREFETCH = 10;
    private static final int KILLS = Integer.getInteger("rowmq.kills", 1);
    private static final int WAIT_SECONDS = Integer.getInteger("rowmq.kill.waitSeconds", 20);

    static Stream<TestDatabase> databases() {
        return Stream.of(TestDatabase.postgresql(), TestDatabase.mariadb());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aKilledConsumersMessagesComeBack(TestDatabase db) throws Exception {
        StoreConfig config = db.config(StoreConfig.DEFAULT_HEARTBEAT, StoreConfig.DEFAULT_LEASE_TIMEOUT);
        List<Long> delays = new ArrayList<>();
        try (RowConnectionFactory factory = new RowConnectionFactory(config);
             Connection connection = factory.createConnection()) {
            connection.start();
            for (int kill = 0; kill < KILLS; kill++) {
                delays.add(killAndMeasure(db, config, connection, kill));
            }
        }
        List<Long> sorted = delays.stream().sorted().toList();
        System.out.println("redelivery after kill -9 on " + db + ": " + sorted.size() + " kills, min " + sorted.get(0)
                + " ms, median " + sorted.get(sorted.size() / 2) + " ms, max " + sorted.get(sorted.size() - 1)
                + " ms; all " + sorted);
    }

    /** A message received (null: none in time), and when (System.nanoTime). */
    private record Arrival(Message message, long at) {
    }

    /** One kill; returns the milliseconds from the child's death to the first message received again. */
    private long killAndMeasure(TestDatabase db, StoreConfig config, Connection connection, int kill) throws Exception {
        Path dir = SharedDatabases.directory("killed-consumer", db);
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue(TestDatabase.unique("procs.killed"));
        // Exactly one prefetch's worth: the child holds every message, so whatever the waiting consumer gets is
        // a message the dead JVM held.
        List<String> ids = IntStream.range(0, PREFETCH).mapToObj(i -> "m" + i).toList();
        SharedDatabases.send(connection, queue, ids);
        MessageConsumer consumer;
        CompletableFuture<Arrival> firstArrival;
        List<Consumption> delivered;
        long killedAt;
        Path records = dir.resolve("holder.records");
        try (ChildJvm holder = ChildJvm.builder("holder-" + kill, HoldingConsumerMain.class).directory(dir)
                .properties(ChildStore.properties(config, PREFETCH))
                .args(queue.getQueueName(), records.toString(), Integer.toString(DELIVERED)).start()) {
            holder.awaitLine("HELD", Duration.ofSeconds(60));
            // Created only now, so that it cannot take a message before the child held them all; already waiting
            // in receive when the child dies, as a consumer of a busy queue would be.
            consumer = session.createConsumer(queue);
            MessageConsumer waiting = consumer;
            firstArrival = CompletableFuture.supplyAsync(() -> {
                try {
                    Message m = waiting.receive(WAIT_SECONDS * 1000L + 30_000);
                    return new Arrival(m, System.nanoTime());
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            // Within a second of HELD: a prefetch buffer nobody polls for a second goes back to the queue by itself.
            holder.kill();
            killedAt = System.nanoTime();
            delivered = Consumption.read(holder.name(), records);
        }
        Arrival arrival = firstArrival.get(WAIT_SECONDS * 1000L + 60_000, TimeUnit.MILLISECONDS);
        Message first = arrival.message();
        long delay = (arrival.at() - killedAt) / 1_000_000;
        assertTrue(first == null || delay <= WAIT_SECONDS * 1000L, "the first message came back only after " + delay + " ms");
        assertNotNull(first, "nothing the killed JVM held came back within " + WAIT_SECONDS + " s on " + db);
        Map<String, Message> received = new LinkedHashMap<>();
        received.put(((TextMessage) first).getText(), first);
        Message last = first;
        while (received.size() < ids.size()) {
            Message m = consumer.receive(60_000);
            assertNotNull(m, "message " + (received.size() + 1) + " of " + ids.size() + " within 60 s; got " + received.keySet());
            assertNull(received.put(((TextMessage) m).getText(), m), "received twice: " + ((TextMessage) m).getText());
            last = m;
        }
        assertNull(consumer.receive(300), "nothing beyond the sent messages");
        assertEquals(DELIVERED, delivered.size(), "the holder recorded each message it received");
        for (Message m : received.values()) {
            String id = ((TextMessage) m).getText();
            boolean wasDelivered = delivered.stream().anyMatch(c -> c.id().equals(id));
            if (wasDelivered) {
                assertTrue(m.getJMSRedelivered(), id + " was delivered to the dead JVM, so it comes back redelivered");
                assertTrue(m.getIntProperty("JMSXDeliveryCount") > 1, id + " comes back with a raised JMSXDeliveryCount");
            } else {
                assertFalse(m.getJMSRedelivered(), id + " only waited in the dead JVM's prefetch: not redelivered");
                assertEquals(1, m.getIntProperty("JMSXDeliveryCount"), id + " only waited in the dead JVM's prefetch");
            }
        }
        for (Consumption c : delivered) assertFalse(c.redelivered(), "the first delivery of " + c.id() + " was not flagged redelivered");
        last.acknowledge();
        consumer.close();
        session.close();
        System.out.println("kill " + (kill + 1) + " on " + db + ": first redelivery " + delay + " ms after the kill; "
                + DELIVERED + " delivered messages back flagged redelivered, " + (ids.size() - DELIVERED)
                + " prefetched-only ones back as first deliveries");
        return delay;
    }
}
