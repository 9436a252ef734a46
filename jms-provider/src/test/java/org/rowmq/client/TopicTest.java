package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publish/subscribe: non-durable, durable, shared subscriptions, selectors, noLocal and client IDs. */
class TopicTest {
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

    @ParameterizedTest
    @MethodSource("databases")
    void everySubscriberGetsItsCopyOfWhatIsPublishedWhileItExists(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             TopicConnection c = cf.createTopicConnection()) {
            c.start();
            TopicSession s = c.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = s.createTopic(TestDatabase.unique("news"));
            TopicPublisher publisher = s.createPublisher(topic);
            publisher.publish(s.createTextMessage("before anyone listened"));
            TopicSubscriber a = s.createSubscriber(topic);
            TopicSubscriber b = s.createSubscriber(topic);
            TopicSubscriber red = s.createSubscriber(topic, "colour = 'red'", false);
            for (String colour : new String[]{"red", "blue"}) {
                TextMessage m = s.createTextMessage(colour);
                m.setStringProperty("colour", colour);
                publisher.publish(m);
            }
            assertEquals(List.of("red", "blue"), drain(a));
            assertEquals(List.of("red", "blue"), drain(b));
            assertEquals(List.of("red"), drain(red), "the selector is applied to the subscription");
            assertEquals(topic, a.getTopic());
            a.close();
            publisher.publish(s.createTextMessage("after a closed"));
            assertEquals(List.of("after a closed"), drain(b));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void noLocalSubscribersDoNotSeeTheirOwnConnectionsMessages(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             Connection mine = cf.createConnection(); Connection other = cf.createConnection()) {
            mine.start();
            Session s = mine.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session os = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = s.createTopic(TestDatabase.unique("local"));
            MessageConsumer noLocal = s.createConsumer(topic, null, true);
            s.createProducer(topic).send(s.createTextMessage("mine"));
            os.createProducer(topic).send(os.createTextMessage("theirs"));
            assertEquals(List.of("theirs"), drain(noLocal));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void durableSubscriptionKeepsMessagesWhileNobodyListensUntilUnsubscribed(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config())) {
            String name = TestDatabase.unique("sub");
            String clientId = TestDatabase.unique("client");
            Topic topic;
            try (Connection c = cf.createConnection()) {
                c.setClientID(clientId);
                c.start();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                topic = s.createTopic(TestDatabase.unique("orders"));
                TopicSubscriber durable = s.createDurableSubscriber(topic, name);
                assertThrows(IllegalStateException.class, () -> s.createDurableSubscriber(topic, name),
                        "an active durable subscription cannot be opened twice");
                s.createProducer(topic).send(s.createTextMessage("one"));
                assertEquals("one", text(durable.receive(WAIT)));
                durable.close();
                s.createProducer(topic).send(s.createTextMessage("while away"));
            }
            try (Connection c = cf.createConnection()) {
                c.setClientID(clientId);
                c.start();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer durable = s.createDurableConsumer(topic, name);
                assertEquals(List.of("while away"), drain(durable));
                assertThrows(IllegalStateException.class, () -> s.unsubscribe(name), "not while it has a consumer");
                durable.close();
                s.createProducer(topic).send(s.createTextMessage("left behind"));
                s.unsubscribe(name);
                assertThrows(InvalidDestinationException.class, () -> s.unsubscribe(name));
                MessageConsumer fresh = s.createDurableConsumer(topic, name);
                assertNull(fresh.receive(NONE), "a new subscription starts empty");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void changingADurableSubscriptionsSelectorReplacesIt(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            c.setClientID(TestDatabase.unique("client"));
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = s.createTopic(TestDatabase.unique("prices"));
            String name = "watch";
            s.createDurableConsumer(topic, name).close();
            s.createProducer(topic).send(s.createTextMessage("old"));
            MessageConsumer replaced = s.createDurableConsumer(topic, name, "symbol = 'X'", false);
            assertNull(replaced.receive(NONE), "the old subscription and its message are gone");
            TextMessage m = s.createTextMessage("x");
            m.setStringProperty("symbol", "X");
            s.createProducer(topic).send(m);
            assertEquals("x", text(replaced.receive(WAIT)));
            replaced.close();
            s.unsubscribe(name);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void durableSubscriptionsNeedAClientId(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = s.createTopic(TestDatabase.unique("t"));
            assertThrows(IllegalStateException.class, () -> s.createDurableSubscriber(topic, "nameless"));
            assertThrows(InvalidDestinationException.class, () -> s.createDurableSubscriber(null, "x"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sharedSubscriptionSpreadsMessagesOverItsConsumers(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             JMSContext one = cf.createContext(); JMSContext two = cf.createContext()) {
            Topic topic = one.createTopic(TestDatabase.unique("work"));
            var first = one.createSharedConsumer(topic, "workers");
            var second = two.createSharedConsumer(topic, "workers");
            for (int i = 0; i < 40; i++) one.createProducer().send(topic, "job " + i);
            Set<String> got = new HashSet<>();
            int[] perConsumer = new int[2];
            boolean progress = true;
            while (progress) {
                progress = false;
                String a = first.receiveBody(String.class, NONE);
                if (a != null) { assertTrue(got.add(a), "duplicate " + a); perConsumer[0]++; progress = true; }
                String b = second.receiveBody(String.class, NONE);
                if (b != null) { assertTrue(got.add(b), "duplicate " + b); perConsumer[1]++; progress = true; }
            }
            assertEquals(40, got.size(), "each message went to exactly one of the shared consumers");
            assertTrue(perConsumer[0] > 0 && perConsumer[1] > 0, "both consumers got messages");
            first.close();
            second.close();
            one.createProducer().send(topic, "nobody subscribed");
            var later = one.createSharedConsumer(topic, "workers");
            assertNull(later.receiveBody(String.class, NONE), "a non-durable shared subscription ends with its last consumer");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sharedDurableSubscriptionOutlivesItsConsumers(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); JMSContext ctx = cf.createContext()) {
            Topic topic = ctx.createTopic(TestDatabase.unique("audit"));
            String name = TestDatabase.unique("auditors");
            ctx.createSharedDurableConsumer(topic, name).close();
            ctx.createProducer().send(topic, "kept");
            assertEquals("kept", ctx.createSharedDurableConsumer(topic, name).receiveBody(String.class, WAIT));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void clientIdsAreUniqueAmongLiveConnections(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config())) {
            String id = TestDatabase.unique("unique");
            Connection first = cf.createConnection();
            first.setClientID(id);
            Connection second = cf.createConnection();
            assertThrows(InvalidClientIDException.class, () -> second.setClientID(id));
            first.close();
            second.setClientID(id); // free again once its holder closed
            second.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void transactedSubscriberRollsBackIntoItsSubscription(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            c.start();
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            Topic topic = tx.createTopic(TestDatabase.unique("txtopic"));
            MessageConsumer sub = tx.createConsumer(topic);
            MessageProducer p = tx.createProducer(topic);
            p.send(tx.createTextMessage("in tx"));
            assertNull(sub.receive(NONE), "not published before commit");
            tx.commit();
            assertEquals("in tx", text(sub.receive(WAIT)));
            tx.rollback();
            Message again = sub.receive(WAIT);
            assertEquals("in tx", text(again));
            assertTrue(again.getJMSRedelivered());
            tx.commit();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void temporaryTopicIsOnlyForItsConnection(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             Connection owner = cf.createConnection(); Connection other = cf.createConnection()) {
            owner.start();
            Session s = owner.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryTopic t = s.createTemporaryTopic();
            MessageConsumer consumer = s.createConsumer(t);
            Session os = other.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThrows(JMSException.class, () -> os.createConsumer(t));
            os.createProducer(t).send(os.createTextMessage("hello"));
            assertEquals("hello", text(consumer.receive(WAIT)));
            assertThrows(JMSException.class, t::delete, "not while it has a consumer");
            consumer.close();
            t.delete();
            assertThrows(JMSException.class, () -> os.createProducer(t).send(os.createTextMessage("gone")));
        }
    }
}
