package org.rowmq.xa;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.testsupport.TestDatabase;

import java.util.ArrayList;
import java.util.List;

/** An XA connection factory on a test database, with helpers to send, receive and count outside XA. */
final class XAFixture implements AutoCloseable {

    static final long WAIT = 10_000;
    /** How long a receive waits to conclude that nothing is there (no result depends on it being exact). */
    static final long NOTHING = 700;

    final TestDatabase db;
    final RowXAConnectionFactory factory;
    final XAConnection connection;

    XAFixture(TestDatabase db) throws JMSException {
        this.db = db;
        this.factory = new RowXAConnectionFactory(db.config());
        factory.setPrefetch(1);
        this.connection = factory.createXAConnection();
        connection.start();
    }

    XASession xaSession() throws JMSException {
        return connection.createXASession();
    }

    static Queue queue(String prefix) throws JMSException {
        return new org.rowmq.message.RowQueue(TestDatabase.unique(prefix));
    }

    /** Sends outside any transaction (committed at once). */
    void send(Queue queue, String... texts) {
        try (JMSContext ctx = factory.createContext()) {
            for (String t : texts) ctx.createProducer().send(queue, t);
        }
    }

    /** Receives one message in the XA session (in its current branch). */
    static Message receive(XASession session, Queue queue) throws JMSException {
        MessageConsumer consumer = session.getSession().createConsumer(queue);
        try {
            Message m = consumer.receive(WAIT);
            if (m == null) throw new AssertionError("no message on " + queue + " within " + WAIT + " ms");
            return m;
        } finally {
            consumer.close();
        }
    }

    static void send(XASession session, Queue queue, String text) throws JMSException {
        var producer = session.getSession().createProducer(queue);
        producer.send(session.getSession().createTextMessage(text));
        producer.close();
    }

    /** Consumes (auto-acknowledged) everything another consumer can get now, in order. */
    List<Message> drain(Queue queue) {
        List<Message> result = new ArrayList<>();
        try (JMSContext ctx = factory.createContext()) {
            JMSConsumer consumer = ctx.createConsumer(queue);
            for (Message m = consumer.receive(NOTHING); m != null; m = consumer.receive(NOTHING)) result.add(m);
        }
        return result;
    }

    static List<String> texts(List<Message> messages) throws JMSException {
        List<String> result = new ArrayList<>();
        for (Message m : messages) result.add(m.getBody(String.class));
        return result;
    }

    @Override
    public void close() throws JMSException {
        try {
            connection.close();
        } finally {
            factory.close();
        }
    }
}
