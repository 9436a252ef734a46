package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.ChildJvm;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Subscribers in other JVMs: a non-durable subscription holds only what is published while it exists and goes with
 * its JVM; a shared durable subscription consumed by two JVMs at once gives each message to exactly one of them.
 */
class TopicAcrossJvmsTest {
    private static final int PREFETCH = 10;
    /**
     * Each shared worker's time per message: 200 take one worker a second, longer than an idle consumer's longest look
     * interval without database notifications (H2: 250 ms), so the burst cannot be drained by whichever JVM looked
     * first before the other looks (which once happened on H2: 0 and 200).
     */
    private static final long WORK_MILLIS = 5;

    static Stream<TestDatabase> databases() {
        return SharedDatabases.all("topic-jvms");
    }

    private static StoreConfig config(TestDatabase db) {
        return db.config(Duration.ofMillis(300), Duration.ofSeconds(3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void nonDurableSubscriberInAnotherJvmSeesOnlyWhatIsPublishedWhileItExists(TestDatabase db) throws Exception {
        Path dir = SharedDatabases.directory("topic-nondurable", db);
        try (java.sql.Connection holdsH2Server = db.connect();
             RowConnectionFactory factory = new RowConnectionFactory(config(db));
             Connection connection = factory.createConnection()) {
            Topic topic = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createTopic(TestDatabase.unique("procs.news"));
            TopicMessages.publish(connection, topic, "before", 10);
            Path records = dir.resolve("listener.records");
            long subscription;
            try (ChildJvm listener = ChildJvm.builder("listener", TopicSubscriberMain.class).directory(dir)
                    .properties(ChildStore.properties(config(db), PREFETCH))
                    .args(TopicSubscriberMain.Kind.NONDURABLE.name(), topic.getTopicName(), "-", "-", "-",
                            records.toString(), "DRAIN", "20").start()) {
                listener.awaitLine("READY", Duration.ofSeconds(60));
                subscription = onlySubscriptionOf(db, topic);
                TopicMessages.publish(connection, topic, "during", 20);
                listener.awaitLine("DONE", Duration.ofSeconds(60));
                assertEquals(TopicMessages.ids("during", 20),
                        Consumption.read(listener.name(), records).stream().map(Consumption::id).toList(),
                        "the listener got what was published while it listened, in order, and nothing from before");
                listener.kill();
            }
            awaitGone(db, topic, subscription);
            TopicMessages.publish(connection, topic, "after", 10);
            assertEquals(0, factory.store().depth("rowmq.sub." + subscription),
                    "nothing is kept for the dead JVM's non-durable subscription");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sharedDurableSubscriptionConsumedByTwoJvmsGivesEachMessageToOneOfThem(TestDatabase db) throws Exception {
        Path dir = SharedDatabases.directory("topic-shared", db);
        int messages = 200;
        List<ChildJvm> children = new ArrayList<>();
        try (java.sql.Connection holdsH2Server = db.connect();
             RowConnectionFactory factory = new RowConnectionFactory(config(db));
             Connection connection = factory.createConnection()) {
            Topic topic = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createTopic(TestDatabase.unique("procs.jobs"));
            String name = TestDatabase.unique("workers");
            Map<String, Path> recordFiles = new LinkedHashMap<>();
            for (String worker : List.of("worker-1", "worker-2")) {
                Path records = dir.resolve(worker + ".records");
                recordFiles.put(worker, records);
                ChildJvm child = ChildJvm.builder(worker, TopicSubscriberMain.class).directory(dir)
                        .properties(ChildStore.properties(config(db), PREFETCH))
                        .args(TopicSubscriberMain.Kind.SHARED_DURABLE.name(), topic.getTopicName(), "-", name, "-",
                                records.toString(), "CONSUME", Long.toString(WORK_MILLIS)).start();
                children.add(child);
                // One after the other: two JVMs creating the same shared subscription at once is the race that
                // TopicSubscribeRaceTest shows failing.
                child.awaitLine("READY", Duration.ofSeconds(60));
            }
            long subscription = onlySubscriptionOf(db, topic);

            try (ChildJvm publisher = ChildJvm.builder("publisher", TopicPublisherMain.class).directory(dir)
                    .properties(ChildStore.properties(config(db), PREFETCH))
                    .args(topic.getTopicName(), "job", Integer.toString(messages)).start()) {
                publisher.awaitLine("PUBLISHED", Duration.ofSeconds(60));
                assertEquals(0, publisher.awaitExit(Duration.ofSeconds(30)), publisher.diagnosis());
            }
            long deadline = System.currentTimeMillis() + 120_000;
            while (countAll(recordFiles) < messages || factory.store().depth("rowmq.sub." + subscription) > 0) {
                if (System.currentTimeMillis() > deadline) {
                    fail("after 120 s the workers recorded " + countAll(recordFiles) + " of " + messages + " and "
                            + factory.store().depth("rowmq.sub." + subscription) + " are still stored"
                            + children.stream().map(ChildJvm::diagnosis).reduce("", String::concat));
                }
                children.forEach(c -> assertTrue(c.isAlive(), c.name() + " died" + c.diagnosis()));
                Thread.sleep(100);
            }
            for (ChildJvm child : children) child.tell("STOP");
            for (ChildJvm child : children) assertEquals(0, child.awaitExit(Duration.ofSeconds(30)), child.diagnosis());

            Map<String, Integer> times = new HashMap<>();
            Map<String, Integer> perJvm = new LinkedHashMap<>();
            recordFiles.forEach((worker, file) -> {
                List<Consumption> got = Consumption.read(worker, file);
                perJvm.put(worker, got.size());
                got.forEach(c -> times.merge(c.id(), 1, Integer::sum));
            });
            System.out.println("shared durable subscription on " + db + ": per JVM " + perJvm);
            assertEquals(Map.of(), filterNot1(times), "messages consumed more than once");
            assertEquals(TopicMessages.ids("job", messages).stream().sorted().toList(), times.keySet().stream().sorted().toList(),
                    "every published message was consumed");
            assertTrue(perJvm.values().stream().allMatch(n -> n > 0), "both JVMs got messages: " + perJvm);
            assertEquals(subscription, onlySubscriptionOf(db, topic), "the shared durable subscription outlives its consumers");
        } finally {
            children.forEach(ChildJvm::close);
        }
    }

    private static Map<String, Integer> filterNot1(Map<String, Integer> times) {
        Map<String, Integer> more = new HashMap<>(times);
        more.values().removeIf(n -> n == 1);
        return more;
    }

    private static int countAll(Map<String, Path> recordFiles) {
        return recordFiles.entrySet().stream().mapToInt(e -> Consumption.read(e.getKey(), e.getValue()).size()).sum();
    }

    /** The id of the topic's single subscription, read from the database. */
    private static long onlySubscriptionOf(TestDatabase db, Topic topic) throws Exception {
        List<Long> ids = subscriptionsOf(db, topic);
        assertEquals(1, ids.size(), "subscriptions of " + topic + ": " + ids);
        return ids.get(0);
    }

    private static List<Long> subscriptionsOf(TestDatabase db, Topic topic) throws Exception {
        try (java.sql.Connection c = db.connect();
             var ps = c.prepareStatement("SELECT id FROM rowmq_subscription WHERE topic = ?")) {
            ps.setString(1, topic.getTopicName());
            List<Long> ids = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
            return ids;
        }
    }

    /** A dead JVM's non-durable subscription is deleted once another JVM reaped its lease. */
    private static void awaitGone(TestDatabase db, Topic topic, long subscription) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (subscriptionsOf(db, topic).contains(subscription)) {
            if (System.currentTimeMillis() > deadline) {
                fail("the killed JVM's non-durable subscription " + subscription + " still exists 30 s after the kill (lease 3 s)");
            }
            Thread.sleep(100);
        }
    }
}
