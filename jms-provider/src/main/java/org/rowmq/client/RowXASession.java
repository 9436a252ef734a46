package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XATopicSession;
import org.rowmq.store.OutgoingMessage;
import org.rowmq.xa.RowXAResource;

import javax.transaction.xa.XAResource;
import java.util.concurrent.CompletableFuture;

/**
 * A session whose transaction is an XA branch while its {@link RowXAResource} is associated with one: sends and
 * receives go to that branch and are written at its prepare. Outside a global transaction it behaves as a
 * transacted session (its own commit and rollback); inside one, commit and rollback belong to the transaction
 * manager and throw TransactionInProgressException.
 */
public class RowXASession extends RowSession implements XAQueueSession, XATopicSession, TopicSession {
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final RowXAResource xaResource;

    RowXASession(RowConnection connection) {
        super(connection, Session.SESSION_TRANSACTED);
        this.xaResource = new RowXAResource(connection.store());
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

    @Override
    CompletableFuture<Void> send(OutgoingMessage message) throws JMSException {
        if (xaResource.addSend(message)) return DONE;
        return super.send(message);
    }

    @Override
    void deliveredInTransaction(long id) throws JMSException {
        if (!xaResource.addReceived(id)) super.deliveredInTransaction(id);
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        if (xaResource.inGlobalTransaction())
            throw new TransactionInProgressException("This XA session is in a global transaction: the transaction "
                    + "manager commits it, not Session.commit()");
        super.commit();
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        if (xaResource.inGlobalTransaction())
            throw new TransactionInProgressException("This XA session is in a global transaction: the transaction "
                    + "manager rolls it back, not Session.rollback()");
        super.rollback();
    }

    // ---------------------------------------------------------------- TopicSession, for XATopicSession

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return (TopicSubscriber) createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }
}
