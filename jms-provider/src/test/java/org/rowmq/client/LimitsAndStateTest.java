package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.store.DestinationSettings;
import org.rowmq.testsupport.TestDatabase;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backlog limits, temporary queues, and the state rules of connections, sessions and consumers. */
class LimitsAndStateTest {
    static final long WAIT = 10_000;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFullQueueWithTheFailPolicyRefusesSendsWithResourceAllocationException(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); JMSContext ctx = cf.createContext()) {
            String name = TestDatabase.unique("full");
            cf.configureDestination(name, DestinationSettings.DEFAULTS.withMaxMessages(3, DestinationSettings.FullPolicy.FAIL, Duration.ZERO));
            Connection c = cf.createConnection();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(name));
            for (int i = 0; i < 3; i++) p.send(s.createTextMessage("m" + i));
            ResourceAllocationException e = assertThrows(ResourceAllocationException.class,
                    () -> p.send(s.createTextMessage("one too many")));
            assertTrue(e.getMessage().contains(name), "the message names the queue: " + e.getMessage());
            assertEquals(3, cf.store().depth(name), "nothing stored was lost, nothing extra was stored");
            c.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFullQueueWithTheBlockPolicyWaitsForRoomThenGivesUp(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            String name = TestDatabase.unique("block");
            cf.configureDestination(name, DestinationSettings.DEFAULTS.withMaxMessages(2, DestinationSettings.FullPolicy.BLOCK, Duration.ofSeconds(20)));
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(name);
            MessageProducer p = s.createProducer(q);
            p.send(s.createTextMessage("1"));
            p.send(s.createTextMessage("2"));
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Session other = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer blocked = other.createProducer(q);
                Future<?> third = pool.submit(() -> {
                    blocked.send(other.createTextMessage("3"));
                    return null;
                });
                Thread.sleep(300);
                assertFalse(third.isDone(), "the third send waits while the queue is full");
                MessageConsumer consumer = s.createConsumer(q);
                assertNotNull(consumer.receive(WAIT));
                third.get(WAIT, TimeUnit.MILLISECONDS); // room was made: it completes
                consumer.close(); // its prefetch goes back: two messages wait again
                assertEquals(2, cf.store().depth(name));
            } finally {
                pool.shutdownNow();
            }
            cf.configureDestination(name, DestinationSettings.DEFAULTS.withMaxMessages(2, DestinationSettings.FullPolicy.BLOCK, Duration.ofMillis(300)));
            assertThrows(ResourceAllocationException.class, () -> p.send(s.createTextMessage("4")),
                    "after the block timeout the send fails");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void temporaryQueueBelongsToItsConnectionAndVanishesWithIt(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config())) {
            Connection owner = cf.createConnection();
            Connection other = cf.createConnection();
            owner.start();
            Session s = owner.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue reply = s.createTemporaryQueue();
            Session os = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
            os.createProducer(reply).send(os.createTextMessage("to the owner"));
            assertThrows(JMSException.class, () -> os.createConsumer(reply), "only the owner may consume it");
            MessageConsumer consumer = s.createConsumer(reply);
            assertEquals("to the owner", ((TextMessage) consumer.receive(WAIT)).getText());
            assertThrows(JMSException.class, reply::delete, "not while a consumer is open");
            consumer.close();
            reply.delete();
            assertThrows(JMSException.class, () -> os.createProducer(reply).send(os.createTextMessage("too late")),
                    "a deleted temporary queue takes no more messages");
            TemporaryQueue second = s.createTemporaryQueue();
            owner.close();
            assertThrows(JMSException.class, () -> os.createProducer(second).send(os.createTextMessage("gone")),
                    "it is deleted when its connection closes");
            other.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void closedObjectsRefuseUseWithIllegalStateException(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config())) {
            Connection c = cf.createConnection();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("closed"));
            MessageProducer p = s.createProducer(q);
            MessageConsumer consumer = s.createConsumer(q);
            consumer.close();
            assertThrows(IllegalStateException.class, consumer::receiveNoWait);
            p.close();
            assertThrows(IllegalStateException.class, () -> p.send(s.createTextMessage("x")));
            s.close();
            assertThrows(IllegalStateException.class, () -> s.createTextMessage("x"));
            c.close();
            assertThrows(IllegalStateException.class, () -> c.createSession(false, Session.AUTO_ACKNOWLEDGE));
            c.close(); // closing twice is allowed
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aBlockedReceiveReturnsNullWhenItsConsumerIsClosedAndWaitsForStart(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("blocked"));
            MessageConsumer consumer = s.createConsumer(q);
            CompletableFuture<Message> pending = CompletableFuture.supplyAsync(() -> {
                try {
                    return consumer.receive();
                } catch (JMSException e) {
                    throw new RuntimeException(e);
                }
            });
            Thread.sleep(200);
            consumer.close();
            assertNull(pending.get(WAIT, TimeUnit.MILLISECONDS));

            Session s2 = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s2.createProducer(q).send(s2.createTextMessage("waits for start"));
            MessageConsumer c2 = s2.createConsumer(q);
            assertNull(c2.receive(300), "a stopped connection delivers nothing");
            c.start();
            assertEquals("waits for start", ((TextMessage) c2.receive(WAIT)).getText());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void clientIdIsSetOnceBeforeUse(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config())) {
            Connection c = cf.createConnection();
            c.setClientID("app-1");
            assertEquals("app-1", c.getClientID());
            assertThrows(IllegalStateException.class, () -> c.setClientID("again"));
            c.close();
            Connection used = cf.createConnection();
            used.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThrows(IllegalStateException.class, () -> used.setClientID("late"));
            used.close();
        }
    }
}
