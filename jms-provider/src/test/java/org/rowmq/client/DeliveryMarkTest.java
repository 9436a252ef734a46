package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.store.StoreStats;
import org.rowmq.testsupport.TestDatabase;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery marks: the database learns which in-flight messages reached the application before the application sees
 * them, and the marks cost what the acknowledge modes state. (What a dead JVM's marks do is in the process tests:
 * DeadJvmInFlightTest, KilledConsumerRedeliveryTest.)
 */
class DeliveryMarkTest {
    private static final int MESSAGES = 40;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aReceivedMessageIsMarkedBeforeReceiveReturnsAPrefetchedOneIsNot(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("marked"));
            send(s, q, 3);
            MessageConsumer consumer = s.createConsumer(q);
            Message first = consumer.receive(10_000);
            Message second = consumer.receive(10_000);
            assertNotNull(second);
            // All three are in flight under this node (one claim); the application has seen two.
            assertEquals(List.of(1, 1, 0), marks(db, q), "the delivered column of m0, m1, m2");
            second.acknowledge();
            assertEquals(List.of(1), marks(db, q), "acknowledging two marked the next one (m2) ahead");
            assertEquals("m0", ((TextMessage) first).getText());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAutoAcknowledgeListenersDeleteRidesOnTheNextMark(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("listened"));
            send(s, q, MESSAGES);
            Map<String, Integer> seen = new ConcurrentHashMap<>();
            CountDownLatch all = new CountDownLatch(MESSAGES);
            s.createConsumer(q).setMessageListener(m -> {
                try {
                    seen.merge(((TextMessage) m).getText(), 1, Integer::sum);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                all.countDown();
            });
            StoreStats before = cf.store().stats();
            c.start();
            assertTrue(all.await(60, TimeUnit.SECONDS), "the listener got every message");
            // The session idles after the last one: its delete goes alone.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (cf.store().depth(q.getQueueName()) > 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(0, cf.store().depth(q.getQueueName()), "every message acknowledged once its listener returned");
            StoreStats after = cf.store().stats();
            assertEquals(MESSAGES, seen.size());
            assertTrue(seen.values().stream().allMatch(n -> n == 1), "each delivered once: " + seen);
            long units = after.units() - before.units();
            // One unit per message (its mark with the previous message's delete) and the last delete alone; the
            // group committer may merge some units into one commit, never split one.
            assertEquals(MESSAGES + 1, units, "units written while consuming");
            assertTrue(after.commits() - before.commits() <= units);
            System.out.println("AUTO_ACKNOWLEDGE listener on " + db + ": " + MESSAGES + " messages, " + units
                    + " units in " + (after.commits() - before.commits()) + " group commits");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void autoAcknowledgeReceiveMarksNothing(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("received"));
            send(s, q, MESSAGES);
            MessageConsumer consumer = s.createConsumer(q);
            StoreStats before = cf.store().stats();
            for (int i = 0; i < MESSAGES; i++) assertNotNull(consumer.receive(10_000), "message " + i);
            StoreStats after = cf.store().stats();
            assertEquals(MESSAGES, after.units() - before.units(), "one delete per message, no mark");
            assertEquals(MESSAGES, after.rows() - before.rows(), "one row per message: its delete");
            assertNull(consumer.receiveNoWait());
            assertEquals(0, cf.store().depth(q.getQueueName()));
        }
    }

    /**
     * DUPS_OK_ACKNOWLEDGE marks a prefetch's next messages together with the one that needs its mark, and the
     * acknowledgements of the messages consumed since ride on that unit: one unit per prefetch, not per message.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void dupsOkMarksAPrefetchAheadInOneUnit(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            cf.setPrefetch(10);
            c.start();
            Session s = c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("dups"));
            send(s, q, MESSAGES);
            MessageConsumer consumer = s.createConsumer(q);
            StoreStats before = cf.store().stats();
            assertNotNull(consumer.receive(10_000));
            List<Integer> firstBatch = marks(db, q).subList(0, 10);
            assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), firstBatch, "the received message and the nine behind it");
            for (int i = 1; i < MESSAGES; i++) assertNotNull(consumer.receive(10_000), "message " + i);
            StoreStats after = cf.store().stats();
            assertEquals(MESSAGES / 10, after.units() - before.units(), "one unit per prefetch of " + MESSAGES + " messages");
            assertNull(consumer.receiveNoWait());
            s.close();
            assertEquals(0, cf.store().depth(q.getQueueName()), "closing wrote the last acknowledgements");
        }
    }

    /**
     * A transacted session's commit marks the next buffered message of its consumer in the same database transaction,
     * and each new claim marks the first message it takes in its own statement, so a receive-and-commit loop waits for
     * no mark of its own.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aTransactedCommitMarksTheNextMessage(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            cf.setPrefetch(10);
            c.start();
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue q = s.createQueue(TestDatabase.unique("transacted"));
            send(s, q, MESSAGES);
            s.commit();
            MessageConsumer consumer = s.createConsumer(q);
            StoreStats before = cf.store().stats();
            assertNotNull(consumer.receive(10_000));
            s.commit();
            assertEquals(List.of(1, 0, 0, 0, 0, 0, 0, 0, 0), marks(db, q).subList(0, 9), "only the next message marked ahead");
            for (int i = 1; i < MESSAGES; i++) {
                assertNotNull(consumer.receive(10_000), "message " + i);
                s.commit();
            }
            StoreStats after = cf.store().stats();
            assertEquals(MESSAGES, after.units() - before.units(),
                    "one commit per message; each claim of ten marked its first message itself");
            assertNull(consumer.receiveNoWait());
            assertEquals(0, cf.store().depth(q.getQueueName()));
        }
    }

    /**
     * Adaptive marks ahead: a commit of k received messages marks the k buffered next in the same database transaction,
     * so a loop of receive k and commit writes one unit per commit and no mark of its own; the first k messages of a new
     * claim (nothing marked them ahead) are marked by the claim's own statement. Prefetch 20, k = 5: after the first
     * interval (which learns k), one unit per commit and none per claim.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aTransactionOfKMarksTheNextKInItsCommit(TestDatabase db) throws Exception {
        receiveInIntervalsOfFive(db, Session.SESSION_TRANSACTED);
    }

    /** The same for CLIENT_ACKNOWLEDGE: acknowledge() of k messages marks the k buffered next in its unit. */
    @ParameterizedTest
    @MethodSource("databases")
    void anAcknowledgementOfKMarksTheNextKInItsUnit(TestDatabase db) throws Exception {
        receiveInIntervalsOfFive(db, Session.CLIENT_ACKNOWLEDGE);
    }

    private static void receiveInIntervalsOfFive(TestDatabase db, int mode) throws Exception {
        int interval = 5;
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            cf.setPrefetch(20);
            c.start();
            Session s = c.createSession(mode == Session.SESSION_TRANSACTED, mode);
            Queue q = s.createQueue(TestDatabase.unique("interval"));
            send(s, q, MESSAGES);
            if (s.getTransacted()) s.commit();
            MessageConsumer consumer = s.createConsumer(q);
            StoreStats before = null;
            for (int i = 0; i < MESSAGES; i++) {
                Message m = consumer.receive(10_000);
                assertNotNull(m, "message " + i);
                if ((i + 1) % interval != 0) continue;
                if (s.getTransacted()) s.commit();
                else m.acknowledge();
                if (i + 1 == interval) {
                    assertEquals(List.of(1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), marks(db, q).subList(0, 15),
                            "the first interval's end marked the next five (m5..m9), not the rest of the claim");
                    before = cf.store().stats();
                }
            }
            StoreStats after = cf.store().stats();
            assertEquals(MESSAGES, after.claimedMessages(), "each message claimed once");
            // One more claim of 20 (made ahead while the first ran low), and perhaps one ahead that found the end.
            assertTrue(after.claims() - before.claims() <= 2, "claims: " + (after.claims() - before.claims()));
            assertEquals((MESSAGES - interval) / interval, after.units() - before.units(),
                    "one unit per commit or acknowledgement, none per interval or claim");
            assertNull(consumer.receiveNoWait());
            assertEquals(0, cf.store().depth(q.getQueueName()));
        }
    }

    /**
     * Claims as many as a transaction takes: after a transaction of 100 (prefetch 10, so claims of 10 while the session
     * has no interval yet), transactions of 100 are served by claims of 100, which mark their 100 in their own
     * statement: per transaction one commit, no claim of the prefetch (the last may claim once more ahead, to find the
     * queue drained). Measured from the third transaction: a claim made ahead during the first, before the session had
     * an interval, may serve part of the second unmarked.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aTransactionOfAHundredClaimsAHundredAtOnce(TestDatabase db) throws Exception {
        int perTransaction = 100;
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            cf.setPrefetch(10);
            c.start();
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue q = s.createQueue(TestDatabase.unique("tx100"));
            send(s, q, 4 * perTransaction);
            s.commit();
            MessageConsumer consumer = s.createConsumer(q);
            for (int t = 0; t < 2; t++) {
                receive(consumer, perTransaction);
                s.commit();
            }
            StoreStats before = cf.store().stats();
            for (int t = 0; t < 2; t++) {
                receive(consumer, perTransaction);
                s.commit();
            }
            StoreStats after = cf.store().stats();
            long claims = after.claims() - before.claims();
            assertEquals(4 * perTransaction, after.claimedMessages(), "each message claimed once");
            assertTrue(claims <= 3, claims + " claims for two transactions of " + perTransaction
                    + ": claims of 100 (one perhaps finding the end), not claims of the prefetch (10)");
            assertEquals(2, after.units() - before.units(), "per transaction one commit; the claims marked their 100");
            assertNull(consumer.receiveNoWait());
            assertEquals(0, cf.store().depth(q.getQueueName()));
        }
    }

    /**
     * Two transacted sessions of one JVM share the queue's prefetch buffer: a claim takes an interval for each (2 x 10
     * with prefetch 10) and marks both intervals in its own statement, so neither session writes a mark of its own: per
     * round of both, two commits and one claim (made ahead; the last may find the queue drained). Measured from the
     * third round: a claim made ahead during the first round, before the sessions had intervals, serves part of the
     * second with the first round's marks.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void sessionsSharingAPrefetchClaimAnIntervalForEach(TestDatabase db) throws Exception {
        int perTransaction = 10;
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            cf.setPrefetch(10);
            c.start();
            Session first = c.createSession(true, Session.SESSION_TRANSACTED);
            Session second = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue q = first.createQueue(TestDatabase.unique("shared"));
            send(first, q, 8 * perTransaction);
            first.commit();
            MessageConsumer a = first.createConsumer(q);
            MessageConsumer b = second.createConsumer(q);
            StoreStats before = null;
            for (int round = 0; round < 4; round++) {
                if (round == 2) before = cf.store().stats();
                receive(a, perTransaction);
                first.commit();
                receive(b, perTransaction);
                second.commit();
            }
            StoreStats after = cf.store().stats();
            assertEquals(8 * perTransaction, after.claimedMessages(), "each message claimed once");
            assertTrue(after.claims() - before.claims() <= 3, (after.claims() - before.claims())
                    + " claims in two rounds: one of 20 per round (and one finding the end), not two of the prefetch (10)");
            assertEquals(4, after.units() - before.units(), "per round two commits; the claim marked its 20");
            assertNull(a.receiveNoWait());
            assertEquals(0, cf.store().depth(q.getQueueName()));
        }
    }

    private static void receive(MessageConsumer consumer, int n) throws Exception {
        for (int i = 0; i < n; i++) assertNotNull(consumer.receive(10_000), "message " + i + " of " + n);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void stoppingTheConnectionWritesTheKeptAcknowledgement(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("stopped"));
            send(s, q, 1);
            CountDownLatch one = new CountDownLatch(1);
            s.createConsumer(q).setMessageListener(m -> one.countDown());
            c.start();
            assertTrue(one.await(20, TimeUnit.SECONDS));
            c.stop();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (cf.store().depth(q.getQueueName()) > 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertEquals(0, cf.store().depth(q.getQueueName()), "acknowledged although no next message came");
        }
    }

    private static void send(Session s, Queue q, int n) throws Exception {
        MessageProducer p = s.createProducer(q);
        for (int i = 0; i < n; i++) p.send(s.createTextMessage("m" + i));
        p.close();
    }

    /** The delivered column of the queue's rows, in id (sending) order. */
    private static List<Integer> marks(TestDatabase db, Queue q) throws Exception {
        List<Integer> marks = new ArrayList<>();
        try (java.sql.Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("SELECT delivered FROM rowmq_message WHERE destination = ? ORDER BY id")) {
            ps.setString(1, q.getQueueName());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) marks.add(rs.getInt(1));
            }
        }
        return marks;
    }
}
