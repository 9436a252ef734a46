package org.rowmq.store;

import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.rowmq.testsupport.TestDatabase;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.bodies;
import static org.rowmq.store.Messages.ids;
import static org.rowmq.store.Messages.message;

/**
 * PostgreSQL's group commit in one statement ({@link PostgresGroupWrite}): one statement, committed by itself, does
 * what the portable statements did (sends in order, acknowledgements counted per queue, marks, the notification); a
 * lease lost fails the whole statement with nothing written; and a committer's connection that died while idle (a
 * restart or failover meanwhile) is replaced before the group, rather than its sends failing with an unknown outcome.
 */
class PostgresGroupWriteTest {

    private final TestDatabase db = TestDatabase.postgresql();

    @Test
    void oneStatementWritesSendsAcknowledgementsMarksAndTheNotificationAndCommitsThem() throws Exception {
        String queue = TestDatabase.unique("one-statement");
        try (OpenStore store = OpenStore.open(db.config()); Connection listener = db.connect();
             Connection real = db.connect(); Connection other = db.connect()) {
            store.send(List.of(message(queue, "acked-1"), message(queue, "acked-2"), message(queue, "marked"),
                    message(queue, "ahead"))).get(30, TimeUnit.SECONDS);
            List<Long> held = ids(store.claim(queue, 4, null));
            assertEquals(4, held.size());
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + PostgresDialect.CHANNEL);
            }
            StatementCounter counter = new StatementCounter();
            Connection c = counter.counting(real); // autocommit, as the committer runs it
            Set<String> destinations = new LinkedHashSet<>();
            Map<String, Integer> acknowledged = new HashMap<>();
            List<WorkUnit> group = List.of(
                    new WorkUnit(List.of(message(queue, "new-1"), message(queue, "new-2")), new long[]{held.get(0)}),
                    new WorkUnit(new long[]{held.get(1)}, new long[]{held.get(2)}, new long[]{held.get(3)}),
                    new WorkUnit(List.of(message(queue, "new-3")), new long[0]));
            assertTrue(PostgresGroupWrite.takes(group));

            assertTrue(PostgresGroupWrite.write(c, group, 1L, store.nodeId(), true, destinations, acknowledged, null));

            assertEquals(1, counter.count(), "the whole group is one statement");
            assertEquals(Set.of(queue), destinations);
            assertEquals(Map.of(queue, 2), acknowledged);
            // Read on another connection: the statement committed itself.
            List<String> rows = new ArrayList<>();
            try (PreparedStatement ps = other.prepareStatement("SELECT payload, delivered, state FROM rowmq_message"
                    + " WHERE destination = ? ORDER BY id")) {
                ps.setString(1, queue);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(text(rs.getBytes(1)) + "/" + rs.getInt(2) + "/" + rs.getInt(3));
                    }
                }
            }
            assertEquals(List.of("marked/1/" + RowState.IN_FLIGHT, "ahead/1/" + RowState.IN_FLIGHT,
                    "new-1/0/" + RowState.READY, "new-2/0/" + RowState.READY, "new-3/0/" + RowState.READY), rows,
                    "acknowledged rows gone, marks set, sends stored in the group's order");
            assertTrue(notified(listener, store.nodeId(), queue), "the group's notification names the queue");
        }
    }

    /**
     * A group is written with only the parts it needs (a producer's INSERT alone, a consumer's DELETEs alone): every
     * combination of sends, acknowledgements, marks, notification and publishes does in one statement what the parts
     * would.
     */
    @Test
    void eachCombinationOfPartsIsOneStatementThatWritesItsParts() throws Exception {
        try (OpenStore store = OpenStore.open(db.config()); Connection listener = db.connect();
             Connection real = db.connect()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + PostgresDialect.CHANNEL);
            }
            for (int parts = 1; parts < 32; parts++) {
                boolean sends = (parts & 1) != 0, acks = (parts & 2) != 0, marks = (parts & 4) != 0;
                boolean notify = (parts & 8) != 0, publishes = (parts & 16) != 0;
                if (notify && !sends && !publishes) continue; // only a group that inserted announces
                String queue = TestDatabase.unique("parts-" + parts);
                String topic = TestDatabase.unique("parts-topic-" + parts);
                Subscription subscription = durable(store, topic, null);
                store.send(List.of(message(queue, "acked"), message(queue, "marked"))).get(30, TimeUnit.SECONDS);
                List<Long> held = ids(store.claim(queue, 2, null));
                StatementCounter counter = new StatementCounter();
                Set<String> destinations = new LinkedHashSet<>();
                Map<String, Integer> acknowledged = new HashMap<>();
                List<WorkUnit> group = new ArrayList<>(List.of(
                        new WorkUnit(sends ? List.of(message(queue, "new")) : List.of(),
                                acks ? new long[]{held.get(0)} : new long[0]),
                        new WorkUnit(new long[0], marks ? new long[]{held.get(1)} : new long[0], new long[0])));
                if (publishes) group.add(new WorkUnit(List.of(publish(topic, "published")), new long[0]));

                assertTrue(PostgresGroupWrite.write(counter.counting(real), group, 1L, store.nodeId(), notify,
                        destinations, acknowledged, new PostgresPublish(new Subscriptions(Dialect.of(real.getMetaData())))));

                String what = "sends " + sends + ", acknowledgements " + acks + ", marks " + marks + ", notify " + notify
                        + ", publishes " + publishes;
                assertEquals(1, counter.count(), what);
                List<String> expected = new ArrayList<>();
                if (!acks) expected.add("acked/0");
                expected.add("marked/" + (marks ? 1 : 0));
                if (sends) expected.add("new/0");
                assertEquals(expected, markedPayloads(real, queue), what);
                assertEquals(acks ? Map.of(queue, 1) : Map.of(), acknowledged, what);
                assertEquals(publishes ? List.of("published") : List.of(),
                        bodies(store.browse(subscription.queue(), null, 10)), what);
                Set<String> written = new LinkedHashSet<>();
                if (sends) written.add(queue);
                if (publishes) written.addAll(List.of(topic, subscription.queue()));
                assertEquals(written, destinations, what);
                if (notify) assertTrue(notifiedOf(listener, List.copyOf(written)), what);
            }
        }
    }

    /**
     * A group that publishes is one statement too, with its queue sends, acknowledgements and marks: the publish's rows
     * go to every subscription that receives them (a subscription with a selector as its publisher judged it), the
     * queues and topics written are announced, and the subscriptions with selectors found are remembered.
     */
    @Test
    void aGroupThatPublishesIsOneStatementWithTheGroupsOtherParts() throws Exception {
        String topic = TestDatabase.unique("one-statement-topic");
        String queue = TestDatabase.unique("one-statement-queue");
        try (OpenStore store = OpenStore.open(db.config()); Connection listener = db.connect();
             Connection real = db.connect()) {
            Subscription plain = durable(store, topic, null);
            Subscription picky = durable(store, topic, "odd");
            Subscription refusing = durable(store, topic, "never");
            store.send(List.of(message(queue, "acked"), message(queue, "marked"))).get(30, TimeUnit.SECONDS);
            List<Long> held = ids(store.claim(queue, 2, null));
            try (Statement st = listener.createStatement()) {
                st.execute("LISTEN " + PostgresDialect.CHANNEL);
            }
            Subscriptions subscriptions = subscriptionsJudgingOdd(real, topic);
            List<OutgoingMessage> publishes = List.of(publish(topic, "1"), publish(topic, "2"));
            StatementCounter counter = new StatementCounter();
            Set<String> destinations = new LinkedHashSet<>();
            Map<String, Integer> acknowledged = new HashMap<>();
            List<WorkUnit> group = List.of(
                    new WorkUnit(publishes, new long[]{held.get(0)}, subscriptions.select(publishes)),
                    new WorkUnit(List.of(message(queue, "new")), new long[0]),
                    new WorkUnit(new long[0], new long[]{held.get(1)}, new long[0]));
            assertTrue(PostgresGroupWrite.takes(group));

            assertTrue(PostgresGroupWrite.write(counter.counting(real), group, 1L, store.nodeId(), true, destinations,
                    acknowledged, new PostgresPublish(subscriptions)));

            assertEquals(1, counter.count(), "the whole group, its publishes included, is one statement");
            assertEquals(List.of("1", "2"), bodies(store.browse(plain.queue(), null, 10)));
            assertEquals(List.of("1"), bodies(store.browse(picky.queue(), null, 10)), "as its publisher judged");
            assertEquals(List.of(), bodies(store.browse(refusing.queue(), null, 10)));
            assertEquals(List.of("marked/1", "new/0"), markedPayloads(real, queue));
            assertEquals(Map.of(queue, 1), acknowledged);
            assertEquals(Set.of(topic, queue, plain.queue(), picky.queue()), destinations);
            assertTrue(notifiedOf(listener, List.of(topic, queue, plain.queue(), picky.queue())),
                    "the notification names the queues and topic sent to and the subscription queues written");
        }
    }

    /**
     * A subscription with a selector that the group's publishers did not judge (created since they last looked)
     * refuses the statement with nothing written; the portable path, whose publish is followed by the rows the
     * publishers did not judge in the same transaction, then writes the group.
     */
    @Test
    void aSubscriptionThePublishersDidNotJudgeRefusesTheStatementWithNothingWritten() throws Exception {
        String topic = TestDatabase.unique("unjudged-topic");
        String queue = TestDatabase.unique("unjudged-queue");
        try (OpenStore store = OpenStore.open(db.config()); Connection real = db.connect()) {
            Subscription plain = durable(store, topic, null);
            Subscriptions subscriptions = subscriptionsJudgingOdd(real, topic);
            List<OutgoingMessage> publishes = List.of(publish(topic, "1"));
            Subscriptions.Selections judged = subscriptions.select(publishes);
            Subscription unseen = durable(store, topic, "odd");
            store.send(List.of(message(queue, "acked"))).get(30, TimeUnit.SECONDS);
            List<Long> held = ids(store.claim(queue, 1, null));
            Set<String> destinations = new LinkedHashSet<>();
            Map<String, Integer> acknowledged = new HashMap<>();

            assertFalse(PostgresGroupWrite.write(real, List.of(new WorkUnit(publishes, new long[]{held.get(0)}, judged)),
                    1L, store.nodeId(), true, destinations, acknowledged, new PostgresPublish(subscriptions)));

            assertEquals(List.of(), bodies(store.browse(plain.queue(), null, 10)), "nothing published");
            assertEquals(List.of("acked"), payloads(real, queue), "nothing acknowledged");
            assertEquals(Set.of(), destinations);
            assertEquals(Map.of(), acknowledged);
            store.setSubscriptionMatcher((selector, m) -> Integer.parseInt(text(m.payload())) % 2 == 1);
            store.send(publishes).get(30, TimeUnit.SECONDS);
            assertEquals(List.of("1"), bodies(store.browse(unseen.queue(), null, 10)), "the store's path judges it");
        }
    }

    @Test
    void aLostLeaseFailsTheWholeStatementWithNothingWritten() throws Exception {
        String queue = TestDatabase.unique("lost-lease");
        try (OpenStore store = OpenStore.open(db.config()); Connection real = db.connect()) {
            store.send(List.of(message(queue, "mine"), message(queue, "taken"))).get(30, TimeUnit.SECONDS);
            List<Long> held = ids(store.claim(queue, 2, null));
            giveAway(real, held.get(1));

            List<WorkUnit> acknowledging = List.of(
                    new WorkUnit(List.of(message(queue, "not-stored")), new long[]{held.get(0)}),
                    new WorkUnit(List.of(), new long[]{held.get(1)}));
            assertFalse(PostgresGroupWrite.write(real, acknowledging, 1L, store.nodeId(), true, new LinkedHashSet<>(),
                    new HashMap<>(), null), "an acknowledgement of a row another node holds refuses the group");
            List<WorkUnit> marking = List.of(new WorkUnit(List.of(message(queue, "not-stored")), new long[0]),
                    new WorkUnit(new long[0], new long[]{held.get(1)}, new long[0]));
            assertFalse(PostgresGroupWrite.write(real, marking, 1L, store.nodeId(), true, new LinkedHashSet<>(),
                    new HashMap<>(), null), "a required mark of a row another node holds refuses the group");
            assertFalse(PostgresGroupWrite.write(real, List.of(new WorkUnit(List.of(), new long[]{held.get(0)}),
                    new WorkUnit(List.of(), new long[]{held.get(1)})), 1L, store.nodeId(), false,
                    new LinkedHashSet<>(), new HashMap<>(), null), "the same in a group of acknowledgements alone");
            assertFalse(PostgresGroupWrite.write(real, List.of(new WorkUnit(new long[0], new long[]{held.get(1)},
                    new long[0])), 1L, store.nodeId(), false, new LinkedHashSet<>(), new HashMap<>(), null),
                    "the same in a group of marks alone");
            // A mark written ahead skips such a row, as on the portable path.
            assertTrue(PostgresGroupWrite.write(real, List.of(new WorkUnit(new long[0], new long[0],
                    new long[]{held.get(1)})), 1L, store.nodeId(), true, new LinkedHashSet<>(), new HashMap<>(), null));

            assertEquals(2, store.depth(queue), "nothing of a refused group was written: " + payloads(real, queue));
            assertEquals(List.of("mine", "taken"), payloads(real, queue));

            // Through the committer: the unit with the lost lease fails alone; the sends grouped with it are stored.
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (int i = 0; i < 10; i++) sends.add(store.send(List.of(message(queue, "beside-" + i))));
            CompletableFuture<Void> lost = store.acknowledge(List.of(held.get(1)));
            for (int i = 10; i < 20; i++) sends.add(store.send(List.of(message(queue, "beside-" + i))));
            ExecutionException failure = assertThrows(ExecutionException.class, () -> lost.get(30, TimeUnit.SECONDS));
            JMSException jms = assertInstanceOf(JMSException.class, failure.getCause());
            assertInstanceOf(LeaseLostException.class, jms.getLinkedException());
            for (CompletableFuture<Void> f : sends) f.get(30, TimeUnit.SECONDS);
            store.acknowledge(List.of(held.get(0))).get(30, TimeUnit.SECONDS);
            assertEquals(21, store.depth(queue), "the other node's row and the 20 sends");
        }
    }

    @Test
    void aCommittersConnectionThatDiedWhileIdleIsReplacedBeforeTheNextGroup() throws Exception {
        String queue = TestDatabase.unique("idle-death");
        String application = TestDatabase.unique("rowmq-idle-death");
        TestDatabase named = db.withUrl(db.url() + "&ApplicationName=" + application);
        try (OpenStore store = OpenStore.open(named.config()); Connection admin = db.connect()) {
            store.send(List.of(message(queue, "before"))).get(30, TimeUnit.SECONDS);
            int killed;
            try (PreparedStatement ps = admin.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                    + " FROM pg_stat_activity WHERE application_name = ?")) {
                ps.setString(1, application);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    killed = rs.getInt(1);
                }
            }
            assertTrue(killed > 0, "the store's connections were found");
            Thread.sleep(1_500); // longer than a committer's connection may idle untested

            store.send(List.of(message(queue, "after"))).get(30, TimeUnit.SECONDS);
            assertEquals(List.of("before", "after"), bodies(store.claim(queue, 10, null)));
        }
    }

    private static OutgoingMessage publish(String topic, String body) {
        return new OutgoingMessage(topic, 4, true, 0, 0, body.getBytes(StandardCharsets.UTF_8), true, "publisher", null);
    }

    private static Subscription durable(MessageStore store, String topic, String selector) throws Exception {
        return store.subscribe(new SubscriptionSpec(topic, TestDatabase.unique("s"), null, true, false, selector, null),
                "c-" + UUID.randomUUID());
    }

    /** Subscriptions that have seen the topic's subscriptions; selector "odd" selects odd bodies, any other none. */
    private static Subscriptions subscriptionsJudgingOdd(Connection c, String topic) throws SQLException {
        Subscriptions subscriptions = new Subscriptions(Dialect.of(c.getMetaData()));
        subscriptions.setMatcher((selector, m) -> "odd".equals(selector) && Integer.parseInt(text(m.payload())) % 2 == 1);
        List<Subscriptions.Target> targets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, selector, no_local FROM rowmq_subscription WHERE topic = ?")) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) targets.add(new Subscriptions.Target(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        subscriptions.remember(topic, targets);
        return subscriptions;
    }

    private static boolean notifiedOf(Connection listener, List<String> destinations) throws SQLException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(500);
            if (got == null) continue;
            for (PGNotification n : got) {
                if (Set.of(n.getParameter().split("\n")).containsAll(destinations)) return true;
            }
        }
        return false;
    }

    private static void giveAway(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rowmq_message SET owner_node = 'another-node' WHERE id = ?")) {
            ps.setLong(1, id);
            assertEquals(1, ps.executeUpdate());
        }
    }

    private static List<String> payloads(Connection c, String queue) throws SQLException {
        List<String> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM rowmq_message WHERE destination = ? ORDER BY id")) {
            ps.setString(1, queue);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) list.add(text(rs.getBytes(1)));
            }
        }
        return list;
    }

    /** Each row's payload and delivery mark, in id order. */
    private static List<String> markedPayloads(Connection c, String queue) throws SQLException {
        List<String> list = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT payload, delivered FROM rowmq_message"
                + " WHERE destination = ? ORDER BY id")) {
            ps.setString(1, queue);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) list.add(text(rs.getBytes(1)) + "/" + rs.getInt(2));
            }
        }
        return list;
    }

    /** The payload as the test wrote it: {@link Messages#message} stores the body's UTF-8 bytes as they are. */
    private static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    private static boolean notified(Connection listener, String node, String queue) throws SQLException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(500);
            if (got == null) continue;
            for (PGNotification n : got) {
                if (n.getParameter().equals(Arrivals.payload(node, List.of(queue)))) return true;
            }
        }
        return false;
    }
}
