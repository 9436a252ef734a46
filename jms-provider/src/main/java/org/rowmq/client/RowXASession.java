package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XATopicSession;
import org.rowmq.xa.RowXAResource;

import javax.transaction.xa.XAResource;

/**
 * A session whose transaction is an XA branch while its {@link RowXAResource} is associated with one, and its own
 * local transaction otherwise ({@link XATransaction}).
 */
public class RowXASession extends RowSession implements XAQueueSession, XATopicSession, TopicSession {
    private final RowXAResource xaResource;

    RowXASession(RowConnection connection) {
        this(connection, new RowXAResource(connection.store()));
    }

    private RowXASession(RowConnection connection, RowXAResource xaResource) {
        super(connection, session -> new XATransaction(session, xaResource));
        this.xaResource = xaResource;
    }

    @Override
    public XAResource getXAResource() {
        return xaResource;
    }

    @Override
    public Session getSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        checkOpen();
        return this;
    }
}
