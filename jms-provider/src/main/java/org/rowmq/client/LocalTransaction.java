package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;
import org.rowmq.message.RowMessage;
import org.rowmq.store.OutgoingMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A transacted session's own transaction. Sends are kept in memory and deliveries recorded; commit() writes both in
 * one database transaction: per message, 1 row of one INSERT batch per sent message and 1 id of one DELETE for a
 * received one, and one commit for the whole transaction (1/k of it for k messages). A failed commit wrote nothing:
 * the received messages come back and the application gets TransactionRolledBackException. Rollback and close return
 * the received messages for redelivery and drop the sends.
 */
class LocalTransaction implements TransactionStrategy {
    private final RowSession session;
    /** Guarded by {@code this}. */
    private final List<OutgoingMessage> sends = new ArrayList<>();
    private final List<Long> received = new ArrayList<>();

    LocalTransaction(RowSession session) {
        this.session = session;
    }

    @Override
    public final int acknowledgeMode() {
        return Session.SESSION_TRANSACTED;
    }

    @Override
    public CompletableFuture<Void> send(OutgoingMessage message) throws JMSException {
        synchronized (this) {
            sends.add(message);
        }
        return DONE;
    }

    @Override
    public void delivering(RowMessage message, long id) throws JMSException {
        synchronized (this) {
            received.add(id);
        }
    }

    @Override
    public void commit() throws JMSException {
        List<OutgoingMessage> toSend;
        List<Long> toAcknowledge;
        synchronized (this) {
            toSend = new ArrayList<>(sends);
            toAcknowledge = new ArrayList<>(received);
            sends.clear();
            received.clear();
        }
        try {
            session.store().commit(toSend, toAcknowledge);
        } catch (JMSException e) {
            // The database transaction did not commit: nothing was sent, the received messages come back.
            try {
                session.redeliver(toAcknowledge);
            } catch (JMSException releaseFailure) {
                e.addSuppressed(releaseFailure);
            }
            TransactionRolledBackException rolledBack = new TransactionRolledBackException(
                    "The transaction was rolled back because its commit failed: " + e.getMessage());
            rolledBack.setLinkedException(e);
            rolledBack.initCause(e);
            throw rolledBack;
        }
    }

    @Override
    public void rollback() throws JMSException {
        List<Long> toRedeliver;
        synchronized (this) {
            sends.clear();
            toRedeliver = new ArrayList<>(received);
            received.clear();
        }
        session.redeliver(toRedeliver);
    }

    @Override
    public void close() throws JMSException {
        rollback();
    }
}
