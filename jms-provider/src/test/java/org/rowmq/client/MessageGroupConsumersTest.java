package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message groups through the JMS API: stickiness to a consumer in one JVM, subscriptions, and bad group properties. */
class MessageGroupConsumersTest {
    private static final long WAIT = 10_000;
    /** How long a receive that must find nothing waits: a bound on absence, not a measurement. */
    private static final long NOTHING = 300;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static TextMessage grouped(Session s, String group, String body) throws JMSException {
        TextMessage m = s.createTextMessage(body);
        m.setStringProperty("JMSXGroupID", group);
        return m;
    }

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aGroupSticksToItsConsumerUntilThatConsumerCloses(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("sticky"));
            MessageProducer p = s.createProducer(q);
            for (int i = 1; i <= 3; i++) p.send(grouped(s, "order-42", "42-" + i));
            MessageConsumer a = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
            MessageConsumer b = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q);
            c.start();

            assertEquals("42-1", text(a.receive(WAIT)));
            assertNull(b.receive(NOTHING), "the group sticks to a, which is open");
            assertEquals("42-2", text(a.receive(WAIT)));
            a.close();
            Message third = b.receive(WAIT);
            assertEquals("42-3", text(third), "a closed: the group moved to b");
            assertEquals("order-42", third.getStringProperty("JMSXGroupID"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachSubscriptionAppliesTheGroupRuleToItsOwnCopy(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic t = s.createTopic(TestDatabase.unique("group-topic"));
            String shared = TestDatabase.unique("shared");
            Session sa = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer a = sa.createSharedConsumer(t, shared);
            MessageConsumer b = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createSharedConsumer(t, shared);
            MessageConsumer own = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(t);
            c.start();
            MessageProducer p = s.createProducer(t);
            for (int i = 1; i <= 2; i++) p.send(grouped(s, "g", "g-" + i));

            Message first = a.receive(WAIT);
            assertEquals("g-1", text(first));
            assertNull(b.receive(NOTHING), "within the shared subscription, g-2 waits behind g-1 in flight at a");
            assertEquals("g-1", text(own.receive(WAIT)), "the other subscription has its own copy, in order");
            assertEquals("g-2", text(own.receive(WAIT)));
            first.acknowledge();
            assertNull(b.receive(NOTHING), "the group sticks to a");
            assertEquals("g-2", text(a.receive(WAIT)));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void badGroupPropertiesAreRefusedAtSend(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(TestDatabase.unique("bad-group")));
            TextMessage notAString = s.createTextMessage("x");
            notAString.setIntProperty("JMSXGroupID", 42);
            MessageFormatException e = assertThrows(MessageFormatException.class, () -> p.send(notAString));
            assertTrue(e.getMessage().contains("setStringProperty"), e.getMessage());

            TextMessage tooLong = s.createTextMessage("x");
            tooLong.setStringProperty("JMSXGroupID", "g".repeat(256));
            e = assertThrows(MessageFormatException.class, () -> p.send(tooLong));
            assertTrue(e.getMessage().contains("at most 255"), e.getMessage());

            TextMessage badSeq = grouped(s, "g", "x");
            badSeq.setStringProperty("JMSXGroupSeq", "-1");
            e = assertThrows(MessageFormatException.class, () -> p.send(badSeq));
            assertTrue(e.getMessage().contains("setIntProperty"), e.getMessage());
        }
    }
}
