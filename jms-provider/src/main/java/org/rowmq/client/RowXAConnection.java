package org.rowmq.client;

import jakarta.jms.ConnectionConsumer;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicSession;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;
import org.rowmq.dispatch.Dispatcher;

/** A connection that creates XA sessions (and, through the plain createSession methods, ordinary ones). */
public class RowXAConnection extends RowConnection implements XAQueueConnection, XATopicConnection {

    RowXAConnection(RowConnectionFactory factory, Dispatcher dispatcher) {
        super(factory, dispatcher, null);
    }

    @Override
    public XASession createXASession() throws JMSException {
        return createRowXASession();
    }

    RowXASession createRowXASession() throws JMSException {
        checkOpen();
        freezeClientId();
        return addSession(new RowXASession(this));
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return createRowXASession();
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return createRowXASession();
    }

    /** A non-XA topic session; publish/subscribe is not available in this version (see RowSession). */
    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        Session session = createSession(transacted, acknowledgeMode);
        if (session instanceof TopicSession topicSession) return topicSession;
        session.close();
        throw new JMSException("Publish/subscribe (topics and subscriptions) is not available in this version of "
                + "RowMQ; use queues");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return createConnectionConsumer((Destination) topic, messageSelector, sessionPool, maxMessages);
    }
}
