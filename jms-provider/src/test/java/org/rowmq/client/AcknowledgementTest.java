package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.store.DestinationSettings;
import org.rowmq.testsupport.TestDatabase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Acknowledge modes, transactions, recover, redelivery counting and the dead-letter queue. */
class AcknowledgementTest {
    static final long WAIT = 10_000;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static void sendTexts(Session s, Queue q, String... texts) throws Exception {
        MessageProducer p = s.createProducer(q);
        for (String t : texts) p.send(s.createTextMessage(t));
        p.close();
    }

    private static String text(Message m) throws Exception {
        assertNotNull(m, "a message was expected");
        return ((TextMessage) m).getText();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void clientAcknowledgeAcknowledgesEverythingConsumedSoFarAndUnacknowledgedComeBack(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            c.start();
            Queue q;
            Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            q = s.createQueue(TestDatabase.unique("client"));
            sendTexts(s, q, "a", "b", "c", "d");
            MessageConsumer consumer = s.createConsumer(q);
            Message a = consumer.receive(WAIT);
            Message b = consumer.receive(WAIT);
            assertEquals("b", text(b));
            a.acknowledge(); // acknowledges a and b: everything the session consumed
            assertEquals(2, cf.store().depth(q.getQueueName()));
            assertEquals("c", text(consumer.receive(WAIT)));
            s.close(); // c was not acknowledged: it comes back, redelivered

            Session again = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer second = again.createConsumer(q);
            Message redelivered = second.receive(WAIT);
            assertEquals("c", text(redelivered));
            assertTrue(redelivered.getJMSRedelivered());
            assertEquals(2, redelivered.getIntProperty("JMSXDeliveryCount"));
            assertEquals("d", text(second.receive(WAIT)));
            redelivered.acknowledge();
            assertEquals(0, cf.store().depth(q.getQueueName()));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void recoverRedeliversUnacknowledgedMessagesInOrder(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("recover"));
            sendTexts(s, q, "1", "2", "3", "4", "5");
            MessageConsumer consumer = s.createConsumer(q);
            assertEquals("1", text(consumer.receive(WAIT)));
            assertEquals("2", text(consumer.receive(WAIT)));
            s.recover();
            Message one = consumer.receive(WAIT);
            assertEquals("1", text(one), "recover restarts with the oldest unacknowledged message");
            assertTrue(one.getJMSRedelivered());
            assertEquals("2", text(consumer.receive(WAIT)));
            Message three = consumer.receive(WAIT);
            assertEquals("3", text(three));
            assertFalse(three.getJMSRedelivered());
            three.acknowledge();
            assertEquals(2, cf.store().depth(q.getQueueName()));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void dupsOkRemovesMessagesByTheTimeTheSessionCloses(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("dups"));
            sendTexts(s, q, "a", "b", "c");
            MessageConsumer consumer = s.createConsumer(q);
            for (int i = 0; i < 3; i++) assertNotNull(consumer.receive(WAIT));
            s.close();
            assertEquals(0, cf.store().depth(q.getQueueName()));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void transactedSendsAppearOnlyAtCommitAndRollbackRedeliversReceives(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            c.start();
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            Session plain = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = tx.createQueue(TestDatabase.unique("tx"));
            MessageProducer p = tx.createProducer(q);
            p.send(tx.createTextMessage("one"));
            p.send(tx.createTextMessage("two"));
            MessageConsumer observer = plain.createConsumer(q);
            assertNull(observer.receive(300), "uncommitted sends are invisible");
            tx.rollback();
            assertNull(observer.receive(300), "rolled-back sends never appear");
            p.send(tx.createTextMessage("three"));
            tx.commit();
            observer.close();

            MessageConsumer consumer = tx.createConsumer(q);
            Message three = consumer.receive(WAIT);
            assertEquals("three", text(three));
            tx.rollback();
            Message again = consumer.receive(WAIT);
            assertEquals("three", text(again));
            assertTrue(again.getJMSRedelivered());
            assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
            assertEquals(1, cf.store().depth(q.getQueueName()), "received but uncommitted is still stored");
            tx.commit();
            assertEquals(0, cf.store().depth(q.getQueueName()));
            assertThrows(IllegalStateException.class, plain::commit, "commit needs a transacted session");
            assertThrows(IllegalStateException.class, tx::recover, "recover is for non-transacted sessions");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void closingATransactedSessionRollsBack(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            c.start();
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue q = tx.createQueue(TestDatabase.unique("txclose"));
            sendTexts(c.createSession(false, Session.AUTO_ACKNOWLEDGE), q, "kept");
            assertEquals("kept", text(tx.createConsumer(q).receive(WAIT)));
            tx.createProducer(q).send(tx.createTextMessage("lost"));
            tx.close();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(q);
            Message m = consumer.receive(WAIT);
            assertEquals("kept", text(m));
            assertTrue(m.getJMSRedelivered());
            assertNull(consumer.receive(300), "the uncommitted send was discarded");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void afterTheMaximumDeliveriesAMessageMovesToTheDeadLetterQueueWithItsReason(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            c.start();
            String name = TestDatabase.unique("poison");
            String dlq = TestDatabase.unique("poison.dlq");
            cf.configureDestination(name, DestinationSettings.DEFAULTS.withMaxDeliveries(3, dlq));
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue q = tx.createQueue(name);
            sendTexts(c.createSession(false, Session.AUTO_ACKNOWLEDGE), q, "poison");
            MessageConsumer consumer = tx.createConsumer(q);
            for (int i = 1; i <= 3; i++) {
                Message m = consumer.receive(WAIT);
                assertEquals(i, m.getIntProperty("JMSXDeliveryCount"));
                tx.rollback();
            }
            assertNull(consumer.receive(300), "after 3 deliveries it left the queue");
            Message dead = tx.createConsumer(tx.createQueue(dlq)).receive(WAIT);
            assertEquals("poison", text(dead));
            assertEquals(name, dead.getStringProperty("JMS_RowMQ_OriginalDestination"));
            assertNotNull(dead.getStringProperty("JMS_RowMQ_DeadLetterReason"));
            tx.commit();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void listenerThatThrowsGetsTheMessageAgainUnderAutoAcknowledge(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("throws"));
            sendTexts(s, q, "x", "y");
            List<String> seen = new ArrayList<>();
            AtomicInteger calls = new AtomicInteger();
            CountDownLatch three = new CountDownLatch(3);
            s.createConsumer(q).setMessageListener(m -> {
                try {
                    seen.add(text(m) + "#" + m.getIntProperty("JMSXDeliveryCount"));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                three.countDown();
                if (calls.incrementAndGet() == 1) throw new RuntimeException("first delivery fails");
            });
            c.start();
            assertTrue(three.await(WAIT, TimeUnit.MILLISECONDS));
            c.stop();
            assertEquals(List.of("x#1", "x#2", "y#1"), seen);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void redeliveryDelayKeepsARolledBackMessageAwayForAWhile(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            c.start();
            String name = TestDatabase.unique("delay");
            cf.configureDestination(name, DestinationSettings.DEFAULTS.withRedeliveryDelay(Duration.ofMillis(1500)));
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue q = tx.createQueue(name);
            sendTexts(c.createSession(false, Session.AUTO_ACKNOWLEDGE), q, "later");
            MessageConsumer consumer = tx.createConsumer(q);
            assertNotNull(consumer.receive(WAIT));
            tx.rollback();
            assertNull(consumer.receive(200), "still within the redelivery delay");
            Message m = consumer.receive(WAIT);
            assertEquals("later", text(m));
            assertTrue(m.getJMSRedelivered());
            tx.commit();
        }
    }
}
