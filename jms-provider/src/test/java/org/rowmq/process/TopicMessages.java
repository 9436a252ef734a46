package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The messages the cross-process topic tests publish: body {@code <prefix>-<nn>}, property {@code colour} red for
 * even and blue for odd numbers, so that the {@link #RED} selector keeps every other one.
 */
final class TopicMessages {
    static final String RED = "colour = 'red'";

    private TopicMessages() {
    }

    static String id(String prefix, int i) {
        return String.format("%s-%03d", prefix, i);
    }

    static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> id(prefix, i)).toList();
    }

    /** The ids of {@link #ids} that the {@link #RED} selector keeps, in publication order. */
    static List<String> redIds(String prefix, int count) {
        return IntStream.range(0, count).filter(i -> i % 2 == 0).mapToObj(i -> id(prefix, i)).toList();
    }

    /** Publishes in a transacted session, committing every 50, so that the copies appear in publication order. */
    static void publish(Connection connection, Topic topic, String prefix, int count) throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        try {
            MessageProducer producer = session.createProducer(topic);
            for (int i = 0; i < count; i++) {
                TextMessage m = session.createTextMessage(id(prefix, i));
                m.setStringProperty("colour", i % 2 == 0 ? "red" : "blue");
                producer.send(m);
                if (i % 50 == 49 || i == count - 1) session.commit();
            }
        } finally {
            session.close();
        }
    }
}
