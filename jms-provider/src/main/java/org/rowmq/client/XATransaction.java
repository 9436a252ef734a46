package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.TransactionInProgressException;
import org.rowmq.message.RowMessage;
import org.rowmq.store.OutgoingMessage;
import org.rowmq.xa.RowXAResource;

import java.util.concurrent.CompletableFuture;

/**
 * An XA session's transaction. While its {@link RowXAResource} is associated with a branch, sends and receives go to
 * that branch and are written at its prepare: per message, 1 row of the prepare's batched INSERT (a send, held) or 1 id
 * of its UPDATE (a received row, held; before that, its delivery mark as in {@link LocalTransaction}), then 1 id of
 * the commit's UPDATE or DELETE; the prepare and the commit are one database transaction each for the whole branch
 * (the store's XA side states the rest).
 * Outside a global transaction the session is an ordinary transacted one ({@link LocalTransaction}); inside one,
 * commit and rollback belong to the transaction manager.
 */
final class XATransaction extends LocalTransaction {
    private final RowXAResource resource;

    XATransaction(RowSession session, RowXAResource resource) {
        super(session);
        this.resource = resource;
    }

    @Override
    public CompletableFuture<Void> send(OutgoingMessage message) throws JMSException {
        if (resource.addSend(message)) return DONE;
        return super.send(message);
    }

    @Override
    public void delivering(RowMessage message, long id) throws JMSException {
        if (!resource.addReceived(id)) super.delivering(message, id);
    }

    @Override
    public void commit() throws JMSException {
        if (resource.inGlobalTransaction())
            throw new TransactionInProgressException("This XA session is in a global transaction: the transaction "
                    + "manager commits it, not Session.commit()");
        super.commit();
    }

    @Override
    public void rollback() throws JMSException {
        if (resource.inGlobalTransaction())
            throw new TransactionInProgressException("This XA session is in a global transaction: the transaction "
                    + "manager rolls it back, not Session.rollback()");
        super.rollback();
    }

    /** Closing outside the transaction manager's control: only the session's own local work is rolled back. */
    @Override
    public void close() throws JMSException {
        super.rollback();
    }
}
