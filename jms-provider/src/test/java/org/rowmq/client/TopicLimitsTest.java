package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.store.DestinationSettings;
import org.rowmq.store.DestinationSettings.FullPolicy;
import org.rowmq.testsupport.TestDatabase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/** A topic's settings (maximum deliveries and dead-letter queue, redelivery delay, backlog limit) apply to each of its subscriptions. */
class TopicLimitsTest {
    static final long WAIT = 10_000;
    static final long NONE = 300;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static String text(Message m) throws JMSException {
        assertNotNull(m, "a message was expected");
        return ((TextMessage) m).getText();
    }

    private static List<String> drain(MessageConsumer c) throws JMSException {
        List<String> got = new ArrayList<>();
        for (Message m; (m = c.receive(NONE)) != null; ) got.add(text(m));
        return got;
    }

    private static void publish(Session s, Topic topic, String... texts) throws JMSException {
        MessageProducer p = s.createProducer(topic);
        for (String t : texts) p.send(s.createTextMessage(t));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aMessageRolledBackMaxDeliveriesTimesInADurableSubscriptionMovesToTheDeadLetterQueue(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            String topicName = TestDatabase.unique("poison.topic");
            String dlq = TestDatabase.unique("poison.dlq");
            cf.configureDestination(topicName, DestinationSettings.DEFAULTS.withMaxDeliveries(3, dlq));
            c.setClientID(TestDatabase.unique("client"));
            c.start();
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            Topic topic = tx.createTopic(topicName);
            MessageConsumer poisoned = tx.createDurableConsumer(topic, "poisoned");
            Session auto = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer healthy = auto.createDurableConsumer(topic, "healthy");
            publish(auto, topic, "poison");
            for (int i = 1; i <= 3; i++) {
                Message m = poisoned.receive(WAIT);
                assertEquals("poison", text(m));
                assertEquals(i, m.getIntProperty("JMSXDeliveryCount"));
                tx.rollback();
            }
            assertNull(poisoned.receive(NONE), "after 3 deliveries it left the subscription");
            Message dead = tx.createConsumer(tx.createQueue(dlq)).receive(WAIT);
            assertEquals("poison", text(dead));
            assertEquals(topic, dead.getJMSDestination(), "the dead message still names the topic it was published to");
            String original = dead.getStringProperty("JMS_RowMQ_OriginalDestination");
            String reason = dead.getStringProperty("JMS_RowMQ_DeadLetterReason");
            assertNotNull(original, "JMS_RowMQ_OriginalDestination");
            assertNotNull(reason, "JMS_RowMQ_DeadLetterReason");
            assertTrue(reason.contains("3"), "the reason names the maximum: " + reason);
            System.out.println("dead letter of a durable subscription on " + db + ": JMS_RowMQ_OriginalDestination="
                    + original + ", JMS_RowMQ_DeadLetterReason=" + reason);
            tx.commit();
            assertEquals(List.of("poison"), drain(healthy), "the other subscription's copy is untouched");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void redeliveryDelayOfTheTopicKeepsARolledBackMessageOutOfItsSubscriptionForAWhile(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            String topicName = TestDatabase.unique("delay.topic");
            cf.configureDestination(topicName, DestinationSettings.DEFAULTS.withRedeliveryDelay(Duration.ofMillis(1500)));
            c.setClientID(TestDatabase.unique("client"));
            c.start();
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            Topic topic = tx.createTopic(topicName);
            MessageConsumer durable = tx.createDurableConsumer(topic, "delayed");
            publish(c.createSession(false, Session.AUTO_ACKNOWLEDGE), topic, "later");
            assertEquals("later", text(durable.receive(WAIT)));
            tx.rollback();
            assertNull(durable.receive(200), "still within the redelivery delay");
            Message m = durable.receive(WAIT);
            assertEquals("later", text(m));
            assertTrue(m.getJMSRedelivered());
            tx.commit();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFullSubscriptionMakesPublishingToItsTopicFailWithResourceAllocationException(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            String topicName = TestDatabase.unique("full.topic");
            cf.configureDestination(topicName, DestinationSettings.DEFAULTS.withMaxMessages(3, FullPolicy.FAIL, Duration.ZERO));
            c.setClientID(TestDatabase.unique("client"));
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = s.createTopic(topicName);
            MessageConsumer slow = s.createDurableConsumer(topic, "slow");
            MessageConsumer fast = s.createConsumer(topic);
            publish(s, topic, "1", "2", "3");
            assertEquals(List.of("1", "2", "3"), drain(fast));
            slow.close(); // its three messages wait, ready, in the subscription

            ResourceAllocationException e = assertThrows(ResourceAllocationException.class, () -> publish(s, topic, "4"),
                    "the durable subscription holds the topic's limit of 3");
            System.out.println("publishing to a topic with a full subscription on " + db + ": " + e.getMessage());
            assertNull(fast.receive(NONE), "the refused message reached no subscription, not even one with room");

            MessageConsumer slowAgain = s.createDurableConsumer(topic, "slow");
            assertEquals("1", text(slowAgain.receive(WAIT)));
            publish(s, topic, "5");
            assertEquals(List.of("5"), drain(fast), "room again: the next publish reaches every subscription");
            assertEquals(List.of("2", "3", "5"), drain(slowAgain));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void underTheBlockPolicyAPublishWaitsUntilTheFullSubscriptionHasRoom(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            String topicName = TestDatabase.unique("block.topic");
            cf.configureDestination(topicName, DestinationSettings.DEFAULTS.withMaxMessages(2, FullPolicy.BLOCK, Duration.ofSeconds(20)));
            c.setClientID(TestDatabase.unique("client"));
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = s.createTopic(topicName);
            s.createDurableConsumer(topic, "slow").close();
            publish(s, topic, "1", "2");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Session other = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Future<?> third = pool.submit(() -> {
                    publish(other, topic, "3");
                    return null;
                });
                Thread.sleep(300);
                assertFalse(third.isDone(), "the publish waits while the subscription is full");
                MessageConsumer slow = s.createDurableConsumer(topic, "slow");
                assertEquals("1", text(slow.receive(WAIT)));
                third.get(WAIT, TimeUnit.MILLISECONDS); // room was made: it completes
                assertEquals(List.of("2", "3"), drain(slow));
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTransactedPublishToATopicWithAFullSubscriptionFailsAtCommit(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            String topicName = TestDatabase.unique("full.tx.topic");
            cf.configureDestination(topicName, DestinationSettings.DEFAULTS.withMaxMessages(2, FullPolicy.FAIL, Duration.ZERO));
            c.setClientID(TestDatabase.unique("client"));
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = s.createTopic(topicName);
            s.createDurableConsumer(topic, "slow").close();
            publish(s, topic, "1", "2");
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            publish(tx, topic, "3");
            JMSException e = assertThrows(JMSException.class, tx::commit, "the subscription is full at commit");
            System.out.println("transacted publish to a full subscription on " + db + ": " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
            MessageConsumer slow = s.createDurableConsumer(topic, "slow");
            assertEquals(List.of("1", "2"), drain(slow), "the refused transaction published nothing");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFullSubscriptionDoesNotRefuseMessagesItsSelectorWouldNotTakeAnyway(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            String topicName = TestDatabase.unique("full.selective.topic");
            cf.configureDestination(topicName, DestinationSettings.DEFAULTS.withMaxMessages(2, FullPolicy.FAIL, Duration.ZERO));
            c.setClientID(TestDatabase.unique("client"));
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = s.createTopic(topicName);
            s.createDurableConsumer(topic, "reds", "colour = 'red'", false).close();
            MessageConsumer everything = s.createConsumer(topic);
            MessageProducer p = s.createProducer(topic);
            for (String colour : new String[]{"red", "red"}) {
                TextMessage m = s.createTextMessage(colour);
                m.setStringProperty("colour", colour);
                p.send(m);
            }
            assertEquals(List.of("red", "red"), drain(everything), "'reds' is full now; 'everything' has room again");
            TextMessage blue = s.createTextMessage("blue");
            blue.setStringProperty("colour", "blue");
            p.send(blue);
            assertEquals(List.of("blue"), drain(everything),
                    "the blue message goes nowhere near the full 'reds' subscription, so nothing refuses it");
        }
    }
}
