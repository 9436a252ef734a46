package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.ChildJvm;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The durable subscriber that goes away and comes back: JVM A (client ID X) subscribes durably to a topic with a
 * selector, receives a few messages, acknowledges some and dies holding the others, by a clean close or by
 * {@code kill -9}; JVM B publishes while A is away; JVM A' with the same client ID re-subscribes and receives exactly
 * the matching messages A did not acknowledge, in publication order, none twice, the ones A held flagged redelivered.
 */
class TopicDurableRestartTest {
    private static final int BEFORE = 20;
    private static final int WHILE_AWAY = 40;
    private static final int HELD = 5;
    private static final int ACKNOWLEDGED = 3;
    private static final int PREFETCH = 4;

    enum Departure { CLEAN_CLOSE, KILL_9 }

    static Stream<Arguments> cases() {
        List<TestDatabase> dbs = SharedDatabases.all("topic-restart").toList();
        return Stream.of(Departure.values()).flatMap(d -> dbs.stream().map(db -> Arguments.of(db, d)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void durableSubscriberRestartedInAnotherJvmGetsExactlyWhatItMissed(TestDatabase db, Departure departure) throws Exception {
        Path dir = SharedDatabases.directory("topic-restart-" + departure, db);
        StoreConfig config = db.config(Duration.ofMillis(300), Duration.ofSeconds(3));
        String clientId = TestDatabase.unique("client");
        String subscription = "restart";
        try (java.sql.Connection holdsH2Server = db.connect();
             RowConnectionFactory factory = new RowConnectionFactory(config);
             Connection connection = factory.createConnection()) {
            Topic topic = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createTopic(TestDatabase.unique("procs.topic"));

            Path heldRecords = dir.resolve("a.records");
            List<Consumption> first;
            try (ChildJvm a = subscriber("a", dir, config, topic, clientId, subscription, heldRecords,
                    "HOLD", Integer.toString(HELD), Integer.toString(ACKNOWLEDGED))) {
                a.awaitLine("READY", Duration.ofSeconds(60));
                TopicMessages.publish(connection, topic, "before", BEFORE);
                a.awaitLine("HELD", Duration.ofSeconds(60));
                if (departure == Departure.KILL_9) {
                    a.kill();
                    try (Connection rival = factory.createConnection()) {
                        assertThrows(InvalidClientIDException.class, () -> rival.setClientID(clientId),
                                "the killed JVM's connection holds the client ID until its lease (3 s) runs out");
                    }
                } else {
                    a.tell("STOP");
                    assertEquals(0, a.awaitExit(Duration.ofSeconds(30)), a.diagnosis());
                }
                first = Consumption.read(a.name(), heldRecords);
            }
            List<String> heldIds = ids(first, Consumption.Kind.R);
            List<String> acknowledged = ids(first, Consumption.Kind.C);
            assertEquals(TopicMessages.redIds("before", BEFORE).subList(0, HELD), heldIds,
                    "A received the first red messages in order (the selector excludes the blue ones)");
            assertEquals(heldIds.subList(0, ACKNOWLEDGED), acknowledged);

            try (ChildJvm b = ChildJvm.builder("b", TopicPublisherMain.class).directory(dir)
                    .properties(ChildStore.properties(config, PREFETCH))
                    .args(topic.getTopicName(), "away", Integer.toString(WHILE_AWAY)).start()) {
                b.awaitLine("PUBLISHED", Duration.ofSeconds(60));
                assertEquals(0, b.awaitExit(Duration.ofSeconds(30)), b.diagnosis());
            }
            if (departure == Departure.KILL_9) awaitClientIdFree(factory, clientId);

            List<String> expected = new ArrayList<>(TopicMessages.redIds("before", BEFORE).subList(ACKNOWLEDGED, BEFORE / 2));
            expected.addAll(TopicMessages.redIds("away", WHILE_AWAY));
            Path againRecords = dir.resolve("a-again.records");
            List<Consumption> second;
            try (ChildJvm again = subscriber("a-again", dir, config, topic, clientId, subscription, againRecords,
                    "DRAIN", Integer.toString(expected.size()))) {
                again.awaitLine("DONE", Duration.ofSeconds(90));
                again.tell("STOP");
                assertEquals(0, again.awaitExit(Duration.ofSeconds(30)), again.diagnosis());
                second = Consumption.read(again.name(), againRecords);
            }
            assertEquals(expected, ids(second, Consumption.Kind.R),
                    "A' received exactly the matching messages A did not acknowledge, in publication order, none twice");
            Set<String> unacknowledgedHeld = heldIds.stream().filter(id -> !acknowledged.contains(id)).collect(Collectors.toSet());
            for (Consumption c : second) {
                if (unacknowledgedHeld.contains(c.id())) {
                    assertTrue(c.redelivered() && c.deliveryCount() >= 2, c + ": A held it unacknowledged, so it comes back redelivered");
                } else if (c.id().startsWith("away")) {
                    assertFalse(c.redelivered(), c + ": published while A was away, delivered for the first time");
                }
            }
            assertEquals(0, subscriptionDepth(db, factory, clientId, subscription), "A' acknowledged everything it received");
            System.out.println("durable restart on " + db + " after " + departure + ": A held " + heldIds + " (acknowledged "
                    + acknowledged + "), A' received " + second.size() + " messages");
        }
    }

    private static ChildJvm subscriber(String name, Path dir, StoreConfig config, Topic topic, String clientId,
                                       String subscription, Path records, String... mode) throws Exception {
        List<String> args = new ArrayList<>(List.of(TopicSubscriberMain.Kind.DURABLE.name(), topic.getTopicName(),
                clientId, subscription, TopicMessages.RED, records.toString()));
        args.addAll(List.of(mode));
        return ChildJvm.builder(name, TopicSubscriberMain.class).directory(dir)
                .properties(ChildStore.properties(config, PREFETCH)).args(args.toArray(String[]::new)).start();
    }

    private static List<String> ids(List<Consumption> records, Consumption.Kind kind) {
        return records.stream().filter(c -> c.kind() == kind).map(Consumption::id).toList();
    }

    /** After a kill, the dead JVM's client ID becomes free once another JVM reaped its lease. */
    private static void awaitClientIdFree(RowConnectionFactory factory, String clientId) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        try (Connection probe = factory.createConnection()) {
            while (true) {
                try {
                    probe.setClientID(clientId);
                    return; // closing the probe releases it for A'
                } catch (InvalidClientIDException stillHeld) {
                    if (System.currentTimeMillis() > deadline) fail("the killed JVM's client ID " + clientId
                            + " is still held 30 s after the kill (lease 3 s): " + stillHeld.getMessage());
                    Thread.sleep(100);
                }
            }
        }
    }

    /** Messages (ready or in flight) left in the durable subscription's queue, rowmq.sub.<id>. */
    static long subscriptionDepth(TestDatabase db, RowConnectionFactory factory, String clientId, String name) throws Exception {
        long id;
        try (java.sql.Connection c = db.connect();
             var ps = c.prepareStatement("SELECT id FROM rowmq_subscription WHERE client_id = ? AND name = ? AND durable = ?")) {
            ps.setString(1, clientId);
            ps.setString(2, name);
            ps.setBoolean(3, true);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) throw new AssertionError("no durable subscription " + name + " of client " + clientId);
                id = rs.getLong(1);
            }
        }
        return factory.store().depth("rowmq.sub." + id);
    }
}
