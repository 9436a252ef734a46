package org.rowmq.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.bodies;
import static org.rowmq.store.Messages.ids;

/**
 * A published message's payload is stored once in rowmq_body and each matching subscription holds a narrow row
 * referencing it; the body goes with its last reference. Checked with plain SQL on the tables.
 */
class TopicBodyTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static OutgoingMessage publish(String topic, String body) {
        return publish(topic, body, 0);
    }

    private static OutgoingMessage publish(String topic, String body, long timeToLive) {
        return new OutgoingMessage(topic, 4, true, timeToLive, 0, body.getBytes(StandardCharsets.UTF_8), true,
                "publisher", null);
    }

    private static Subscription durable(MessageStore store, String topic, String name) throws Exception {
        return store.subscribe(new SubscriptionSpec(topic, name, null, true, false, null, null), consumer());
    }

    private static String consumer() {
        return "c-" + UUID.randomUUID();
    }

    /** The body ids the rows of these subscription queues reference, checking that every such row has no payload. */
    private static Set<Long> bodyIds(TestDatabase db, Subscription... subscriptions) throws Exception {
        Set<Long> ids = new LinkedHashSet<>();
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT body_id, payload FROM rowmq_message WHERE destination = ? ORDER BY id")) {
            for (Subscription s : subscriptions) {
                ps.setString(1, s.queue());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long body = rs.getLong(1);
                        assertTrue(!rs.wasNull(), "a subscription's row names its body");
                        assertEquals(null, rs.getBytes(2), "a subscription's row carries no payload of its own");
                        ids.add(body);
                    }
                }
            }
        }
        return ids;
    }

    private static long rows(TestDatabase db, String destination) throws Exception {
        return count(db, "SELECT COUNT(*) FROM rowmq_message WHERE destination = ?", destination);
    }

    /** How many of the bodies still exist. */
    private static long existing(TestDatabase db, Set<Long> bodies) throws Exception {
        long n = 0;
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM rowmq_body WHERE id = ?")) {
            for (long id : bodies) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    n += rs.getLong(1);
                }
            }
        }
        return n;
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

    private static long newestBody(TestDatabase db) throws Exception {
        return count(db, "SELECT COALESCE(MAX(id), 0) FROM rowmq_body WHERE id > ?", -1L);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aPublishedMessageIsStoredOnceAndGoesWithItsLastAcknowledgement(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("bodies");
        try (OpenStore store = OpenStore.open(db.config())) {
            Subscription a = durable(store, topic, TestDatabase.unique("a"));
            Subscription b = durable(store, topic, TestDatabase.unique("b"));
            Subscription c = durable(store, topic, TestDatabase.unique("c"));
            store.send(List.of(publish(topic, "one"), publish(topic, "two"), publish(topic, "three")))
                    .get(30, TimeUnit.SECONDS);

            Set<Long> bodies = bodyIds(db, a, b, c);
            assertEquals(3, bodies.size(), "one body per published message, shared by the subscriptions");
            assertEquals(3, existing(db, bodies));
            for (Subscription s : List.of(a, b, c)) assertEquals(3, rows(db, s.queue()), "one narrow row each");

            assertEquals(List.of("one", "two", "three"), bodies(store.browse(a.queue(), null, 10)), "browse reads bodies");
            List<List<StoredMessage>> claimed = new ArrayList<>();
            for (Subscription s : List.of(a, b, c)) {
                List<StoredMessage> got = store.claim(s.queue(), 10, null);
                assertEquals(List.of("one", "two", "three"), bodies(got), "each subscription gets the full payload");
                claimed.add(got);
            }
            List<StoredMessage> selected = new ArrayList<>();
            store.release(ids(claimed.get(0)), false);
            selected.addAll(store.claim(a.queue(), 10, (m, complete) -> true)); // a filtered claim reads pages
            assertEquals(List.of("one", "two", "three"), bodies(selected));
            claimed.set(0, selected);

            store.acknowledge(ids(claimed.get(0))).get(30, TimeUnit.SECONDS);
            store.acknowledge(ids(claimed.get(1))).get(30, TimeUnit.SECONDS);
            assertEquals(3, existing(db, bodies), "the third subscription still references the bodies");
            store.acknowledge(ids(claimed.get(2))).get(30, TimeUnit.SECONDS);
            assertEquals(0, existing(db, bodies), "the last acknowledgement deleted the bodies");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void queueMessagesKeepTheirPayloadInline(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("inline");
        try (OpenStore store = OpenStore.open(db.config())) {
            long before = newestBody(db);
            store.send(List.of(Messages.message(queue, "q"))).get(30, TimeUnit.SECONDS);
            assertEquals(1, count(db, "SELECT COUNT(*) FROM rowmq_message WHERE destination = ? AND payload IS NOT NULL"
                    + " AND body_id IS NULL", queue));
            assertEquals(0, count(db, "SELECT COUNT(*) FROM rowmq_body WHERE id > ?", before));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void withoutAMatchingSubscriptionNothingIsWritten(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("nobody");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.subscribe(new SubscriptionSpec(topic, TestDatabase.unique("picky"), null, true, false, "x = 1", null),
                    consumer());
            store.setSubscriptionMatcher((selector, m) -> false);
            long before = newestBody(db);
            store.send(List.of(publish(topic, "unheard"))).get(30, TimeUnit.SECONDS);
            store.send(List.of(publish(TestDatabase.unique("empty"), "unheard"))).get(30, TimeUnit.SECONDS);
            assertEquals(0, count(db, "SELECT COUNT(*) FROM rowmq_body WHERE id > ?", before), "no body row");
            assertEquals(0, rows(db, topic), "no row for the topic itself");
        }
    }

    /**
     * Subscription selectors are judged before the commit thread: one that is slow (or throws) holds up its own
     * publisher only, never the group commit every other sender in the JVM waits for.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aSlowSelectorHoldsItsPublisherNotTheCommitOfOthers(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("slow-selector");
        String queue = TestDatabase.unique("bystander");
        try (OpenStore store = OpenStore.open(db.config())) {
            Subscription picky = store.subscribe(new SubscriptionSpec(topic, TestDatabase.unique("picky"), null, true,
                    false, "x = 1", null), consumer());
            java.util.concurrent.atomic.AtomicBoolean slow = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.CountDownLatch judging = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch proceed = new java.util.concurrent.CountDownLatch(1);
            store.setSubscriptionMatcher((selector, m) -> {
                if (slow.get()) {
                    judging.countDown();
                    try {
                        proceed.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (new String(m.payload(), StandardCharsets.UTF_8).equals("throws")) throw new IllegalStateException("a broken matcher");
                return true;
            });
            store.send(List.of(publish(topic, "quick"))).get(30, TimeUnit.SECONDS);
            store.send(List.of(publish(topic, "throws"))).get(30, TimeUnit.SECONDS);

            slow.set(true);
            ExecutorService publisher = Executors.newSingleThreadExecutor();
            try {
                Future<?> published = publisher.submit(() -> store.send(List.of(publish(topic, "slow"))).get(60, TimeUnit.SECONDS));
                assertTrue(judging.await(30, TimeUnit.SECONDS), "the selector is being judged");
                store.send(List.of(Messages.message(queue, "not held up"))).get(30, TimeUnit.SECONDS);
                assertEquals(1, store.depth(queue), "another sender's commit went through while the selector was slow");
                proceed.countDown();
                published.get(30, TimeUnit.SECONDS);
            } finally {
                proceed.countDown();
                publisher.shutdownNow();
            }
            assertEquals(List.of("quick", "slow"), bodies(store.claim(picky.queue(), 10, null)),
                    "a matcher that throws counts as no match; the others arrived");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDeadLetteredCopyKeepsTheBodyUntilItsLastReferenceGoes(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("dlq-topic");
        String dlq = TestDatabase.unique("dlq");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.configure(topic, DestinationSettings.DEFAULTS.withMaxDeliveries(1, dlq));
            Subscription a = durable(store, topic, TestDatabase.unique("a"));
            Subscription b = durable(store, topic, TestDatabase.unique("b"));
            store.send(List.of(publish(topic, "poison"))).get(30, TimeUnit.SECONDS);
            Set<Long> bodies = bodyIds(db, a, b);

            store.acknowledge(ids(store.claim(a.queue(), 10, null))).get(30, TimeUnit.SECONDS);
            store.release(ids(store.claim(b.queue(), 10, null)), true); // the first delivery failed: to the DLQ
            assertEquals(1, existing(db, bodies), "the dead-lettered row still references the body");
            assertEquals(1, count(db, "SELECT COUNT(*) FROM rowmq_message WHERE destination = ? AND payload IS NULL"
                    + " AND body_id IS NOT NULL", dlq), "the move keeps body_id");

            List<StoredMessage> dead = store.claim(dlq, 10, null);
            assertEquals(List.of("poison"), bodies(dead), "the dead-letter queue shows the payload");
            assertEquals(b.queue(), dead.get(0).originalDestination());
            store.acknowledge(ids(dead)).get(30, TimeUnit.SECONDS);
            assertEquals(0, existing(db, bodies));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void unsubscribingDeletesThePendingRowsAndTheBodiesOnlyTheyReferenced(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("unsub");
        try (OpenStore store = OpenStore.open(db.config())) {
            String nameA = TestDatabase.unique("a");
            String consumerA = consumer();
            Subscription a = store.subscribe(new SubscriptionSpec(topic, nameA, null, true, false, null, null), consumerA);
            Subscription b = durable(store, topic, TestDatabase.unique("b"));
            store.send(List.of(publish(topic, "shared"))).get(30, TimeUnit.SECONDS);
            Set<Long> shared = bodyIds(db, a, b);
            store.acknowledge(ids(store.claim(b.queue(), 10, null))).get(30, TimeUnit.SECONDS);
            store.send(List.of(publish(topic, "pending"))).get(30, TimeUnit.SECONDS);
            Set<Long> pending = bodyIds(db, b);
            assertEquals(2, existing(db, shared) + existing(db, pending));

            store.unsubscribeConsumer(a, consumerA);
            store.unsubscribe(null, nameA);
            assertEquals(0, rows(db, a.queue()), "the subscription's rows went with it");
            assertEquals(0, existing(db, shared), "it held the last reference to this body");
            assertEquals(1, existing(db, pending), "b still references this one");
            assertEquals(List.of("pending"), bodies(store.claim(b.queue(), 10, null)));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void expiredCopiesTakeTheirBodyAlong(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("expiry");
        try (OpenStore store = OpenStore.open(db.config())) {
            Subscription a = durable(store, topic, TestDatabase.unique("a"));
            Subscription b = durable(store, topic, TestDatabase.unique("b"));
            store.send(List.of(publish(topic, "short-lived", 1))).get(30, TimeUnit.SECONDS);
            Set<Long> bodies = bodyIds(db, a, b);
            assertEquals(1, existing(db, bodies));
            Poll.until(() -> rows(db, a.queue()) + rows(db, b.queue()) + existing(db, bodies), left -> left == 0,
                    "the periodic cleanup deletes the expired copies and their body");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void noBodyLeaksAfterConcurrentAcknowledgementsOnceTheSweepRan(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("race");
        int messages = 60;
        try (OpenStore store = OpenStore.open(db.config())) {
            Subscription a = durable(store, topic, TestDatabase.unique("a"));
            Subscription b = durable(store, topic, TestDatabase.unique("b"));
            List<OutgoingMessage> sends = new ArrayList<>();
            for (int i = 0; i < messages; i++) sends.add(publish(topic, "m" + i));
            store.send(sends).get(30, TimeUnit.SECONDS);
            Set<Long> bodies = bodyIds(db, a, b);
            assertEquals(messages, bodies.size());

            // Each message's two references are acknowledged at about the same time, in separate transactions.
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (Subscription s : List.of(a, b)) {
                    done.add(pool.submit(() -> {
                        for (StoredMessage m : store.claim(s.queue(), messages, null)) {
                            store.acknowledge(List.of(m.id())).get(30, TimeUnit.SECONDS);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
            assertEquals(0, rows(db, a.queue()) + rows(db, b.queue()));
            store.jdbc().sweepBodies();
            // A sweep run is bounded; the housekeeping's own runs continue where it stopped.
            Poll.until(() -> existing(db, bodies), left -> left == 0, "the sweep deletes every unreferenced body");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anXABranchHoldsNarrowRowsAndOneBodyUntilCommit(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("xa-topic");
        try (OpenStore store = OpenStore.open(db.config())) {
            Subscription a = durable(store, topic, TestDatabase.unique("a"));
            Subscription b = durable(store, topic, TestDatabase.unique("b"));
            Subscription c = durable(store, topic, TestDatabase.unique("c"));
            XABranchStore xa = store.xaBranches();
            BranchId branch = new BranchId(77, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8),
                    new byte[]{1});
            xa.prepare(branch, List.of(publish(topic, "held")), List.of());

            Set<Long> bodies = bodyIds(db, a, b, c);
            assertEquals(1, bodies.size(), "one body for the branch's publish");
            assertEquals(1, existing(db, bodies));
            for (Subscription s : List.of(a, b, c)) {
                assertEquals(1, count(db, "SELECT COUNT(*) FROM rowmq_message WHERE destination = ? AND state = 2"
                        + " AND xa_branch IS NOT NULL", s.queue()), "a held narrow row per subscription");
                assertTrue(store.claim(s.queue(), 10, null).isEmpty(), "held rows are invisible before commit");
            }

            assertTrue(xa.commit(branch));
            for (Subscription s : List.of(a, b, c)) {
                List<StoredMessage> got = store.claim(s.queue(), 10, null);
                assertEquals(List.of("held"), bodies(got));
                store.acknowledge(ids(got)).get(30, TimeUnit.SECONDS);
            }
            assertEquals(0, existing(db, bodies));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rollingBackAnXABranchDeletesItsBodiesAndOnePhaseCommitWritesThem(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("xa-rollback");
        try (OpenStore store = OpenStore.open(db.config())) {
            Subscription a = durable(store, topic, TestDatabase.unique("a"));
            Subscription b = durable(store, topic, TestDatabase.unique("b"));
            XABranchStore xa = store.xaBranches();
            BranchId branch = new BranchId(77, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8),
                    new byte[]{2});
            xa.prepare(branch, List.of(publish(topic, "never")), List.of());
            Set<Long> rolledBack = bodyIds(db, a, b);
            assertEquals(1, existing(db, rolledBack));
            assertTrue(xa.rollback(branch));
            assertEquals(0, rows(db, a.queue()) + rows(db, b.queue()));
            assertEquals(0, existing(db, rolledBack), "the held sends' body went with them");

            xa.commitOnePhase(List.of(publish(topic, "at once")), List.of());
            Set<Long> bodies = bodyIds(db, a, b);
            assertEquals(1, bodies.size());
            List<StoredMessage> got = store.claim(a.queue(), 10, null);
            assertEquals(List.of("at once"), bodies(got));
            // A one-phase commit that receives the last reference deletes the body.
            store.acknowledge(ids(store.claim(b.queue(), 10, null))).get(30, TimeUnit.SECONDS);
            xa.commitOnePhase(List.of(), ids(got));
            assertEquals(0, existing(db, bodies));
        }
    }
}
