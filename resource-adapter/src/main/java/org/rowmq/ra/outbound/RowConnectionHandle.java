package org.rowmq.ra.outbound;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import jakarta.resource.ResourceException;

/**
 * The connection an application gets from RowMQ's connection factory in the server: at most one session at a time
 * (Jakarta Messaging 3.1, section 12.2), and no client ID, exception listener, stop or connection consumers. Inside a
 * transaction the session's arguments are ignored (section 12.3): it works in the transaction.
 */
public class RowConnectionHandle implements Connection, QueueConnection, TopicConnection, RowManagedConnection.Handle {
    private volatile RowManagedConnection mc;
    private SessionHandle session;
    private volatile boolean closed;

    RowConnectionHandle(RowManagedConnection mc) {
        this.mc = mc;
    }

    private RowManagedConnection mc() throws IllegalStateException {
        if (closed) throw new IllegalStateException("This connection is closed; get a new one from the connection factory");
        return mc;
    }

    @Override
    public synchronized Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        RowManagedConnection m = mc();
        if (session != null && !session.isClosed())
            throw new IllegalStateException("This connection already has an open session: in the Jakarta EE web or "
                    + "EJB container a connection has one session at a time (Jakarta Messaging 3.1, section 12.2); "
                    + "close it or create another connection");
        session = SessionHandle.open(m, transacted, acknowledgeMode);
        return session.proxy();
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        boolean transacted = sessionMode == Session.SESSION_TRANSACTED;
        return createSession(transacted, transacted ? Session.AUTO_ACKNOWLEDGE : sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (QueueSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return (TopicSession) createSession(transacted, acknowledgeMode);
    }

    @Override
    public String getClientID() throws JMSException {
        return mc().xaConnection().getClientID();
    }

    @Override
    public void setClientID(String clientID) throws JMSException {
        mc();
        throw new IllegalStateException("Connection.setClientID" + ContainerRules.WHY
                + "; configure a client ID on the activation or use shared subscriptions");
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        return mc().xaConnection().getMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        mc();
        throw new IllegalStateException("Connection.getExceptionListener" + ContainerRules.WHY);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        mc();
        throw new IllegalStateException("Connection.setExceptionListener" + ContainerRules.WHY);
    }

    /** Starts delivery to this connection's consumers (the pooled connection stays started for later handles). */
    @Override
    public void start() throws JMSException {
        mc().xaConnection().start();
    }

    @Override
    public void stop() throws JMSException {
        mc();
        throw new IllegalStateException("Connection.stop" + ContainerRules.WHY);
    }

    @Override
    public void close() throws JMSException {
        RowManagedConnection m;
        synchronized (this) {
            if (closed) return;
            closed = true;
            m = mc;
        }
        closeSession();
        m.handleClosed(this, this);
    }

    private synchronized void closeSession() throws JMSException {
        if (session != null) session.close();
        session = null;
    }

    @Override
    public void invalidate() {
        try {
            closeSession();
        } catch (JMSException e) {
            // The managed connection is being cleaned up for reuse; the session's own resources are released anyway.
        }
        closed = true;
    }

    @Override
    public void reassociate(RowManagedConnection newMc) {
        RowManagedConnection old = mc;
        if (old != null && old != newMc) old.detach(this);
        mc = newMc;
    }

    private JMSException noConnectionConsumers() throws IllegalStateException {
        mc();
        return new IllegalStateException("Connection consumers" + ContainerRules.WHY + "; use a message-driven bean");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw noConnectionConsumers();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw noConnectionConsumers();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw noConnectionConsumers();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
                                                             ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw noConnectionConsumers();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
                                                              ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw noConnectionConsumers();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                                    String messageSelector, ServerSessionPool sessionPool,
                                                                    int maxMessages) throws JMSException {
        throw noConnectionConsumers();
    }
}
