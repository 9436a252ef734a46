package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rowmq.testsupport.TestDatabase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of bad input gets the specific JMS exception, with a message a person can act on. */
class BadInputTest {
    static RowConnectionFactory factory;
    static Connection connection;
    static Session session;

    @BeforeAll
    static void open() throws Exception {
        factory = new RowConnectionFactory(TestDatabase.h2(BadInputTest.class).config());
        connection = factory.createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterAll
    static void close() throws Exception {
        connection.close();
        factory.close();
    }

    private static void assertMentions(Exception e, String... words) {
        for (String w : words)
            assertTrue(e.getMessage() != null && e.getMessage().contains(w),
                    "the message should mention '" + w + "': " + e.getMessage());
    }

    @Test
    void nullDestinationForAConsumer() {
        assertMentions(assertThrows(InvalidDestinationException.class, () -> session.createConsumer(null)), "null");
    }

    @Test
    void nullDestinationForASendOnAnUnidentifiedProducer() throws Exception {
        MessageProducer p = session.createProducer(null);
        assertThrows(InvalidDestinationException.class, () -> p.send(null, session.createTextMessage("x")));
        assertThrows(UnsupportedOperationException.class, () -> p.send(session.createTextMessage("x")),
                "the javadoc's exception for send(Message) without a destination");
    }

    @Test
    void queueNamesOutsideTheGrammarAreRefused() {
        for (String bad : new String[]{"", "orders; DROP TABLE rowmq_message", "with space", "x".repeat(201),
                "rowmq.tmp.forged", "'quoted'"}) {
            InvalidDestinationException e = assertThrows(InvalidDestinationException.class,
                    () -> session.createQueue(bad), "name: " + bad);
            assertTrue(e.getMessage().length() > 20, "explains the rule: " + e.getMessage());
        }
        assertThrows(InvalidDestinationException.class, () -> session.createQueue(null));
    }

    @Test
    void aForeignDestinationThatIsNeitherQueueNorTopic() {
        Destination odd = new Destination() {
        };
        assertThrows(InvalidDestinationException.class, () -> session.createConsumer(odd));
    }

    @Test
    void invalidSelectorsFailAtConsumerAndBrowserCreation() throws Exception {
        Queue q = session.createQueue(TestDatabase.unique("selector"));
        InvalidSelectorException e = assertThrows(InvalidSelectorException.class,
                () -> session.createConsumer(q, "price > "));
        assertMentions(e, "price > ");
        assertThrows(InvalidSelectorException.class, () -> session.createBrowser(q, "a LIKE 7"));
        assertThrows(InvalidSelectorException.class, () -> session.createConsumer(q, "name = 'unterminated"));
    }

    @Test
    void propertyNamesThatAreNotIdentifiersOrTooLong() throws Exception {
        Message m = session.createMessage();
        IllegalArgumentException longName = assertThrows(IllegalArgumentException.class,
                () -> m.setStringProperty("p".repeat(300), "v"));
        assertTrue(longName.getMessage().length() > 20, longName.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("not-an-identifier", 1));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("AND", 1));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty("", 1));
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty(null, 1));
    }

    @Test
    void valuesOfTheWrongType() throws Exception {
        Message m = session.createMessage();
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("o", new StringBuilder("not allowed")));
        m.setStringProperty("word", "abc");
        assertThrows(NumberFormatException.class, () -> m.getIntProperty("word"));
        m.setBooleanProperty("flag", true);
        assertThrows(MessageFormatException.class, () -> m.getIntProperty("flag"));
        MapMessage map = session.createMapMessage();
        map.setBoolean("b", true);
        assertThrows(MessageFormatException.class, () -> map.getLong("b"));
        StreamMessage stream = session.createStreamMessage();
        assertThrows(MessageFormatException.class, () -> stream.writeObject(new Object()));
    }

    @Test
    void invalidModesAndPriorities() throws Exception {
        assertThrows(JMSException.class, () -> connection.createSession(false, 42));
        MessageProducer p = session.createProducer(session.createQueue(TestDatabase.unique("bad")));
        assertMentions(assertThrows(JMSException.class, () -> p.setPriority(10)), "0 and 9");
        assertThrows(JMSException.class, () -> p.setDeliveryMode(7));
        assertThrows(MessageFormatException.class, () -> p.send(null));
        assertEquals(4, p.getPriority(), "a refused setting leaves the old one");
    }
}
