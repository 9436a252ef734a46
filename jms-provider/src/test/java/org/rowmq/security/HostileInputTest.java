package org.rowmq.security;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.TestDatabase;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Everything an application names reaches the database only as a bound value: destination names, selectors, client
 * IDs, subscription names and property names and values full of quotes, comment markers and statement separators are
 * stored as they are or refused by RowMQ's own grammar, and the tables are all there afterwards.
 */
class HostileInputTest {
    static final long WAIT = 10_000;

    /** Each would end a string literal, comment out the rest, or start a second statement if pasted into SQL. */
    static final List<String> HOSTILE = List.of(
            "x'; DROP TABLE rowmq_message; --",
            "' OR '1'='1",
            "a\"b\"; DELETE FROM rowmq_subscription; #",
            "/* comment */ x",
            "back\\'slash",
            "semi;colon -- rest");

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void hostileNamesAreStoredAsValuesOrRefusedAndTheTablesStayIntact(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config())) {
            for (String hostile : HOSTILE) {
                try (Connection c = cf.createConnection()) {
                    c.setClientID(hostile + TestDatabase.unique("")); // client IDs are free text
                    Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);

                    // Destination names: RowMQ's grammar refuses these characters before any SQL.
                    assertThrows(InvalidDestinationException.class, () -> s.createQueue(hostile));
                    assertThrows(InvalidDestinationException.class, () -> s.createTopic(hostile));

                    // Selectors: a hostile string literal selects the message carrying exactly that value.
                    Queue queue = s.createQueue(TestDatabase.unique("hostile"));
                    MessageProducer producer = s.createProducer(queue);
                    TextMessage wanted = s.createTextMessage("wanted");
                    wanted.setStringProperty("kind", hostile);
                    TextMessage other = s.createTextMessage("other");
                    other.setStringProperty("kind", "plain");
                    producer.send(other);
                    producer.send(wanted);
                    String literal = "'" + hostile.replace("'", "''") + "'";
                    c.start();
                    MessageConsumer selecting = s.createConsumer(queue, "kind = " + literal);
                    TextMessage got = (TextMessage) selecting.receive(WAIT);
                    assertEquals("wanted", got.getText());
                    assertEquals(hostile, got.getStringProperty("kind"));
                    selecting.close();
                    assertThrows(InvalidSelectorException.class, () -> s.createConsumer(queue, "kind = 'a'; " + hostile));
                    assertThrows(InvalidSelectorException.class, () -> s.createConsumer(queue, hostile));
                    assertEquals("other", ((TextMessage) s.createConsumer(queue).receive(WAIT)).getText());

                    // Property names must be selector identifiers.
                    assertThrows(IllegalArgumentException.class, () -> wanted.setStringProperty(hostile, "v"));

                    // Subscription names are free text too, under a hostile client ID, with a hostile selector.
                    Topic topic = s.createTopic(TestDatabase.unique("hostile"));
                    String subscription = hostile + " sub";
                    MessageConsumer durable = s.createDurableConsumer(topic, subscription, "kind = " + literal, false);
                    s.createProducer(topic).send(wanted);
                    assertEquals("wanted", ((TextMessage) durable.receive(WAIT)).getText());
                    durable.close();
                    s.unsubscribe(subscription);
                    assertThrows(InvalidDestinationException.class, () -> s.unsubscribe(subscription));
                    MessageConsumer shared = s.createSharedConsumer(topic, subscription);
                    shared.close();
                }
            }
        }
        try (java.sql.Connection jdbc = db.connect(); Statement st = jdbc.createStatement()) {
            for (String table : List.of("rowmq_message", "rowmq_subscription", "rowmq_destination", "rowmq_node")) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertTrue(rs.next(), table + " is still there");
                }
            }
        }
    }
}
