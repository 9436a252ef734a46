package org.rowmq.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The group committer's publish and acknowledgement of topic messages: what they cost in statements (on PostgreSQL
 * one each per group), that a subscription another node creates while messages are being published receives every
 * message sent after it exists (a subscription with a selector too, which this node's publishers have not judged yet),
 * and that a body goes exactly when its last row does.
 */
class PublishFanOutTest {

    private static final int SUBSCRIPTIONS = 10;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static OutgoingMessage publish(String topic, String body) {
        return new OutgoingMessage(topic, 4, true, 0, 0, body.getBytes(StandardCharsets.UTF_8), true, "publisher", null);
    }

    private static Subscription durable(MessageStore store, String topic, String selector) throws Exception {
        return store.subscribe(new SubscriptionSpec(topic, TestDatabase.unique("s"), null, true, false, selector, null),
                "c-" + UUID.randomUUID());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aGroupsPublishesAndTheirAcknowledgementCostTheDocumentedStatements(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("cost-topic");
        try (OpenStore store = OpenStore.open(db.config()); Connection real = db.connect()) {
            real.setAutoCommit(false);
            List<Subscription> subscriptions = new ArrayList<>();
            for (int i = 0; i < SUBSCRIPTIONS; i++) subscriptions.add(durable(store, topic, null));
            Dialect dialect = Dialect.of(real.getMetaData());
            MessageWriter writer = new MessageWriter(dialect, new Subscriptions(dialect));
            List<String> statements = new ArrayList<>();
            Connection c = counting(real, statements);

            Set<String> destinations = new LinkedHashSet<>();
            boolean announced = writer.insertGroup(c, List.of(
                    new WorkUnit(List.of(publish(topic, "one"), publish(topic, "two")), new long[0]),
                    new WorkUnit(List.of(publish(topic, "three")), new long[0])), 1L, destinations, store.nodeId(), true);
            real.commit();
            boolean postgres = db.kind() == TestDatabase.Kind.POSTGRESQL;
            // Elsewhere: the subscriptions' SELECT, the bodies' batch, the rows' batch; the notification (PostgreSQL
            // only) is the caller's.
            assertEquals(postgres ? 1 : 3, statements.size(), "statements of a publish group: " + statements);
            assertEquals(postgres, announced, "the publish statement carries the group's notification on PostgreSQL");
            Set<String> expected = new LinkedHashSet<>(List.of(topic));
            for (Subscription s : subscriptions) expected.add(s.queue());
            assertEquals(expected, destinations, "the topic and every subscription queue written are announced");
            for (Subscription s : subscriptions) {
                assertEquals(List.of("one", "two", "three"), Messages.bodies(store.browse(s.queue(), null, 10)),
                        "each subscription has every message, in order");
            }
            Set<Long> bodies = bodies(db, subscriptions);
            assertEquals(3, bodies.size(), "one body per message");

            List<Long> claimed = new ArrayList<>();
            for (Subscription s : subscriptions) claimed.addAll(Messages.ids(store.claim(s.queue(), 10, null)));
            statements.clear();
            writer.delete(c, claimed.stream().mapToLong(Long::longValue).toArray(), store.nodeId());
            real.commit();
            // Elsewhere: the rows' DELETE, then the unreferenced bodies' DELETE.
            assertEquals(postgres ? 1 : 2, statements.size(), "statements of an acknowledgement group: " + statements);
            for (long body : bodies) assertFalse(exists(db, body), "every body went with its last row");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aBodyGoesExactlyWithItsLastRow(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("last-row");
        try (OpenStore store = OpenStore.open(db.config())) {
            Subscription a = durable(store, topic, null);
            Subscription b = durable(store, topic, null);
            Subscription c = durable(store, topic, null);
            store.send(List.of(publish(topic, "first"), publish(topic, "second"))).get(30, TimeUnit.SECONDS);
            List<Long> body = new ArrayList<>(bodies(db, List.of(a)));
            List<StoredMessage> ofA = store.claim(a.queue(), 10, null);
            List<StoredMessage> ofB = store.claim(b.queue(), 10, null);
            List<StoredMessage> ofC = store.claim(c.queue(), 10, null);

            // One unit deleting two rows of the same body: the third still references it.
            store.acknowledge(List.of(ofA.get(0).id(), ofB.get(0).id())).get(30, TimeUnit.SECONDS);
            assertTrue(exists(db, body.get(0)), "c still references the first body");
            // One unit deleting the first body's last row and the second body's first: only the first goes.
            store.acknowledge(List.of(ofC.get(0).id(), ofA.get(1).id())).get(30, TimeUnit.SECONDS);
            assertFalse(exists(db, body.get(0)), "the first body went with its last row");
            assertTrue(exists(db, body.get(1)), "b and c still reference the second body");
            // The second body's two last rows in one unit.
            store.acknowledge(List.of(ofB.get(1).id(), ofC.get(1).id())).get(30, TimeUnit.SECONDS);
            assertFalse(exists(db, body.get(1)), "the second body went with its last two rows");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAcknowledgementThatFailsOnARowNoLongerHeldKeepsEveryBody(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("lost-row");
        try (OpenStore store = OpenStore.open(db.config()); Connection c = db.connect()) {
            c.setAutoCommit(false);
            Subscription a = durable(store, topic, null);
            Subscription b = durable(store, topic, null);
            store.send(List.of(publish(topic, "only"))).get(30, TimeUnit.SECONDS);
            long body = bodies(db, List.of(a)).iterator().next();
            long ofA = store.claim(a.queue(), 10, null).get(0).id();
            long ofB = store.claim(b.queue(), 10, null).get(0).id();
            Dialect dialect = Dialect.of(c.getMetaData());
            MessageWriter writer = new MessageWriter(dialect, new Subscriptions(dialect));
            // b's row is held by this node, not by "another-node": only a's row goes, and b's keeps the body.
            try (PreparedStatement ps = c.prepareStatement("UPDATE rowmq_message SET owner_node = ? WHERE id = ?")) {
                ps.setString(1, "another-node");
                ps.setLong(2, ofA);
                ps.executeUpdate();
            }
            try {
                writer.delete(c, new long[]{ofA, ofB}, "another-node");
                throw new AssertionError("a row another node holds cannot be acknowledged");
            } catch (LeaseLostException expected) {
                // Within the statement a's row went, b's stayed: b's row still references the body.
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM rowmq_body WHERE id = ?")) {
                    ps.setLong(1, body);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertEquals(1, rs.getLong(1), "the body of a row still held stays");
                    }
                }
            } finally {
                c.rollback();
            }
            assertTrue(exists(db, body));
        }
    }

    /**
     * A subscription with a selector created by another node since this node last published to the topic: the
     * publisher judged the selectors it knew of, and the new one is judged at the write, so it gets what it selects.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aSelectorSubscriptionThePublisherHasNotSeenYetGetsWhatItSelects(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("unseen-selector");
        try (OpenStore publisher = OpenStore.open(db.config());
             OpenStore other = OpenStore.open(db.config().withPoolSize(3))) {
            SubscriptionMatcher evenOnly = (selector, m) -> number(m.payload()) % 2 == 0;
            publisher.setSubscriptionMatcher(evenOnly);
            Subscription known = durable(publisher, topic, "even");
            Subscription plain = durable(publisher, topic, null);
            publisher.send(List.of(publish(topic, "0"), publish(topic, "1"))).get(30, TimeUnit.SECONDS);
            Subscription unseen = durable(other, topic, "even");
            Subscription unseenToo = durable(other, topic, "even");
            publisher.send(List.of(publish(topic, "2"), publish(topic, "3"), publish(topic, "4"))).get(30, TimeUnit.SECONDS);
            publisher.send(List.of(publish(topic, "5"), publish(topic, "6"))).get(30, TimeUnit.SECONDS);

            assertEquals(List.of(0, 2, 4, 6), numbers(publisher, known));
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), numbers(publisher, plain));
            assertEquals(List.of(2, 4, 6), numbers(publisher, unseen), "judged at the write, then up front");
            assertEquals(List.of(2, 4, 6), numbers(publisher, unseenToo));
            List<StoredMessage> claimed = new ArrayList<>();
            for (Subscription s : List.of(known, plain, unseen, unseenToo)) claimed.addAll(publisher.claim(s.queue(), 10, null));
            Set<Long> bodies = bodies(db, List.of(known, plain, unseen, unseenToo));
            publisher.acknowledge(Messages.ids(claimed)).get(30, TimeUnit.SECONDS);
            for (long body : bodies) assertFalse(exists(db, body), "every body went with its last row");
        }
    }

    /**
     * Another node (its own store and group committer, as another JVM) creates subscriptions, one without and one with
     * a selector, while this node publishes a numbered sequence from one thread. Every message whose send started after
     * a subscription was created reaches it (the one with a selector: every such message it selects), though this
     * node's publishers judged selectors only for the subscriptions they had seen.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aSubscriptionAnotherNodeCreatesDuringPublishesGetsEveryLaterMessage(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("late-subscriber");
        try (OpenStore publisher = OpenStore.open(db.config());
             OpenStore other = OpenStore.open(db.config().withPoolSize(3))) {
            SubscriptionMatcher evenOnly = (selector, m) -> number(m.payload()) % 2 == 0;
            publisher.setSubscriptionMatcher(evenOnly);
            other.setSubscriptionMatcher(evenOnly);
            Subscription early = durable(publisher, topic, "even");
            AtomicBoolean stop = new AtomicBoolean();
            List<Long> started = java.util.Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Integer> sending = CompletableFuture.supplyAsync(() -> {
                int n = 0;
                try {
                    while (!stop.get() || n < 20) {
                        started.add(System.nanoTime());
                        publisher.send(List.of(publish(topic, Integer.toString(n)))).get(30, TimeUnit.SECONDS);
                        n++;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return n;
            });
            Thread.sleep(300);
            Subscription plain = durable(other, topic, null);
            long plainCreated = System.nanoTime();
            Thread.sleep(300);
            Subscription selective = durable(other, topic, "even");
            long selectiveCreated = System.nanoTime();
            Thread.sleep(300);
            stop.set(true);
            int sent = sending.get(60, TimeUnit.SECONDS);

            assertEquals(evens(0, sent), numbers(publisher, early), "the first subscription has every even message");
            int firstAfterPlain = firstStartedAfter(started, plainCreated);
            List<Integer> plainGot = numbers(publisher, plain);
            assertTrue(plainGot.containsAll(range(firstAfterPlain, sent)), "every message sent after the plain"
                    + " subscription was created reached it: from " + firstAfterPlain + " of " + sent + ", got " + plainGot);
            int firstAfterSelective = firstStartedAfter(started, selectiveCreated);
            List<Integer> selectiveGot = numbers(publisher, selective);
            assertTrue(firstAfterSelective < sent, "messages were sent after the selective subscription existed");
            assertTrue(selectiveGot.containsAll(evens(firstAfterSelective, sent)), "every even message sent after the"
                    + " selective subscription was created reached it: from " + firstAfterSelective + ", got " + selectiveGot);
            assertTrue(selectiveGot.stream().allMatch(n -> n % 2 == 0), "and nothing its selector refuses: " + selectiveGot);
            assertEquals(selectiveGot.size(), new LinkedHashSet<>(selectiveGot).size(), "no message twice");
            assertEquals(plainGot.size(), new LinkedHashSet<>(plainGot).size(), "no message twice");
        }
    }

    /**
     * The group's notification on PostgreSQL goes with the publish statement: from the publishing node, naming the
     * topic and every subscription queue written; the payload meaning all when the names would not fit.
     */
    @Test
    void thePostgresPublishNotifiesOtherNodesOfTheSubscriptionQueuesWritten() throws Exception {
        TestDatabase db = TestDatabase.postgresql();
        String topic = TestDatabase.unique("notify-topic");
        String crowded = TestDatabase.unique("crowded-topic");
        // A node alone on its database notifies nobody: another node listens here. Its announcement reaches the
        // publishing node asynchronously, so the publish is repeated until its notification comes.
        try (OpenStore store = OpenStore.open(db.config()); OpenStore other = OpenStore.open(db.config().withPoolSize(3));
             Connection listener = db.connect()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + PostgresDialect.CHANNEL);
            }
            Set<String> expected = new LinkedHashSet<>(List.of(topic));
            for (int i = 0; i < 3; i++) expected.add(durable(store, topic, null).queue());
            List<String> payload = Poll.until(() -> {
                store.send(List.of(publish(topic, "heard"))).get(30, TimeUnit.SECONDS);
                return notification(listener, store.nodeId(), topic);
            }, p -> p != null, "no notification of the publish");
            assertEquals(store.nodeId(), payload.get(0), "from the publishing node");
            assertEquals(expected, new LinkedHashSet<>(payload.subList(1, payload.size())), "the topic and its subscription queues");

            // About 16 bytes a subscription queue: 600 of them do not fit in a notification.
            for (int i = 0; i < 600; i++) durable(store, crowded, null);
            store.send(List.of(publish(crowded, "crowded"))).get(60, TimeUnit.SECONDS);
            List<String> all = Poll.until(() -> notification(listener, store.nodeId(), Arrivals.ALL), p -> p != null,
                    "no notification of the crowded publish");
            assertEquals(List.of(store.nodeId(), Arrivals.ALL), all, "too long: the payload meaning all");
        }
    }

    /** The first pending notification from {@code node} naming {@code name}, parsed; null when none came yet. */
    private static List<String> notification(Connection listener, String node, String name) throws Exception {
        try (Statement s = listener.createStatement()) {
            s.execute("SELECT 1"); // notifications arrive with a statement's answer
        }
        org.postgresql.PGNotification[] received = listener.unwrap(org.postgresql.PGConnection.class).getNotifications();
        if (received == null) return null;
        for (org.postgresql.PGNotification n : received) {
            List<String> parsed = Arrivals.parse(n.getParameter());
            if (parsed.get(0).equals(node) && parsed.contains(name)) return parsed;
        }
        return null;
    }

    /** PostgreSQL's plans for the two statements, printed: every table they touch is reached through an index. */
    @Test
    void thePostgresPublishAndAcknowledgementUseIndexes() throws Exception {
        TestDatabase db = TestDatabase.postgresql();
        String prefix = TestDatabase.unique("plan-topic");
        try (OpenStore store = OpenStore.open(db.config()); Connection c = db.connect()) {
            // 1,000 subscriptions on 100 topics, 10,000 narrow rows and 1,000 bodies.
            for (int t = 0; t < 100; t++) {
                List<OutgoingMessage> batch = new ArrayList<>();
                for (int s = 0; s < 10; s++) durable(store, prefix + t, null);
                for (int m = 0; m < 10; m++) batch.add(publish(prefix + t, "m" + m));
                store.send(batch).get(60, TimeUnit.SECONDS);
            }
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE rowmq_subscription");
                s.execute("ANALYZE rowmq_message");
                s.execute("ANALYZE rowmq_body");
            }
            assertUseIndexes(c, prefix, store.nodeId());
        }
    }

    /**
     * The custom plans (for the values bound, as PostgreSQL plans the first executions) and the generic plan (which it
     * may keep for a statement prepared on the server once that is not dearer: pgjdbc prepares from the fifth run).
     */
    private static void assertUseIndexes(Connection c, String prefix, String node) throws Exception {
        String topic = prefix + 7;
        String publish = explain(c, PostgresPublish.PUBLISH, ps -> {
            ps.setArray(1, c.createArrayOf("varchar", new String[]{topic, topic}));
            ps.setArray(2, c.createArrayOf("int4", new Integer[]{4, 4}));
            ps.setArray(3, c.createArrayOf("int8", new Long[]{1L, 1L}));
            ps.setArray(4, c.createArrayOf("int8", new Long[]{0L, 0L}));
            ps.setArray(5, c.createArrayOf("bytea", new byte[][]{{1}, {2}}));
            ps.setArray(6, c.createArrayOf("varchar", new String[]{null, null}));
            ps.setArray(7, c.createArrayOf("int4", new Integer[]{0, 0}));
            ps.setArray(8, c.createArrayOf("varchar", new String[]{"p", "p"}));
            ps.setArray(9, c.createArrayOf("varchar", new String[]{null, null}));
            ps.setArray(10, c.createArrayOf("varchar", new String[]{topic}));
            ps.setArray(11, c.createArrayOf("int8", new Long[0]));
            ps.setArray(12, c.createArrayOf("int8", new Long[0]));
            ps.setString(13, "explain-node\n" + topic);
            ps.setString(14, "explain-node\n*");
        });
        String literals = "'{" + topic + "," + topic + "}', '{4,4}', '{1,1}', '{0,0}', '{\\\\x01,\\\\x02}', '{NULL,NULL}',"
                + " '{0,0}', '{p,p}', '{NULL,NULL}', '{" + topic + "}', '{}', '{}', 'explain-node', 'explain-node'";
        publish += "\n-- generic plan:\n" + GenericPlans.explain(c, PostgresPublish.PUBLISH, literals);
        System.out.println("EXPLAIN of the PostgreSQL publish (1,000 subscriptions on 100 topics):\n" + publish);
        assertTrue(publish.contains("rowmq_subscription_topic"), "subscriptions by the topic index:\n" + publish);
        assertFalse(publish.contains("Seq Scan on rowmq_subscription"), publish);

        String acknowledge = explain(c, PostgresDialect.DELETE_ACKNOWLEDGED, ps -> {
            ps.setString(1, node);
            ps.setArray(2, c.createArrayOf("int8", new Long[]{1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L}));
        });
        acknowledge += "\n-- generic plan:\n" + GenericPlans.explain(c, PostgresDialect.DELETE_ACKNOWLEDGED,
                "'" + node + "', '{1,2,3,4,5,6,7,8,9,10}'");
        System.out.println("EXPLAIN of the PostgreSQL acknowledgement (10,000 narrow rows, 1,000 bodies):\n" + acknowledge);
        // As the portable DELETE: by key, or by the in-flight index on this node's rows (few of them here).
        assertTrue(acknowledge.contains("Index Scan using rowmq_message_pkey on rowmq_message")
                || acknowledge.contains("Index Scan using rowmq_message_in_flight on rowmq_message"), "rows by index:\n" + acknowledge);
        assertTrue(acknowledge.contains("rowmq_body_pkey"), "bodies by key:\n" + acknowledge);
        assertTrue(acknowledge.contains("rowmq_message_body"), "remaining references by the body index:\n" + acknowledge);
        assertFalse(acknowledge.contains("Seq Scan on rowmq_message"), acknowledge);
        assertFalse(acknowledge.contains("Seq Scan on rowmq_body"), acknowledge);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface Binding {
        void bind(PreparedStatement ps) throws Exception;
    }

    private static String explain(Connection c, String sql, Binding binding) throws Exception {
        List<String> plan = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
            binding.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) plan.add(rs.getString(1));
            }
        }
        return String.join("\n", plan);
    }

    private static int number(byte[] payload) {
        return Integer.parseInt(new String(payload, StandardCharsets.UTF_8));
    }

    private static int firstStartedAfter(List<Long> started, long instant) {
        synchronized (started) {
            for (int i = 0; i < started.size(); i++) if (started.get(i) > instant) return i;
            return started.size();
        }
    }

    private static List<Integer> numbers(MessageStore store, Subscription s) throws Exception {
        List<Integer> got = new ArrayList<>();
        for (String body : Messages.bodies(store.browse(s.queue(), null, 100_000))) got.add(Integer.parseInt(body));
        return got;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i < to; i++) r.add(i);
        return r;
    }

    private static List<Integer> evens(int from, int to) {
        return range(from, to).stream().filter(n -> n % 2 == 0).toList();
    }

    private static Set<Long> bodies(TestDatabase db, List<Subscription> subscriptions) throws Exception {
        Set<Long> ids = new LinkedHashSet<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT body_id FROM rowmq_message WHERE destination = ? ORDER BY id")) {
            for (Subscription s : subscriptions) {
                ps.setString(1, s.queue());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static boolean exists(TestDatabase db, long body) throws Exception {
        return count(db, "SELECT COUNT(*) FROM rowmq_body WHERE id = ?", body) > 0;
    }

    private static long count(TestDatabase db, String sql, Object parameter) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A connection that records the text of every statement prepared on it. */
    private static Connection counting(Connection real, List<String> statements) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare")) statements.add((String) args[0]);
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
