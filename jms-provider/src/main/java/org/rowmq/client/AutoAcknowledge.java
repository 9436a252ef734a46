package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.rowmq.store.OutgoingMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * AUTO_ACKNOWLEDGE. Per message: a send is 1 INSERT sharing the store's group commit (1/n of a commit); a delivery is
 * 1/prefetch of a claim plus:
 * <ul>
 * <li>receive(): 1 DELETE, group-committed, which receive waits for before it returns the message, so the application
 * never holds an unacknowledged message and nothing needs a delivery mark;</li>
 * <li>a listener: 1 UPDATE marking the message delivered and 1 DELETE acknowledging the previous one, in one unit of
 * one group commit waited for before onMessage (see {@link KeptAcknowledgement}); the last message's DELETE goes
 * alone when the session idles. So a listener's messages come back flagged redelivered if the JVM dies, and a
 * message is never delivered twice unless the listener throws or the JVM dies right after it returned.</li>
 * </ul>
 */
final class AutoAcknowledge implements TransactionStrategy {
    private final RowSession session;
    private final KeptAcknowledgement kept;

    AutoAcknowledge(RowSession session) {
        this.session = session;
        this.kept = new KeptAcknowledgement(session.store(), session.writeOrder());
    }

    @Override
    public int acknowledgeMode() {
        return Session.AUTO_ACKNOWLEDGE;
    }

    @Override
    public CompletableFuture<Void> send(OutgoingMessage message) {
        return session.store().send(session.writeOrder(), List.of(message));
    }

    /** Only a listener's messages: receive() acknowledges before it returns. */
    @Override
    public boolean marksDeliveries() {
        return session.isListenerThread();
    }

    @Override
    public List<Long> takeKeptAcknowledgements() {
        return kept.take();
    }

    @Override
    public void delivered(long id) throws JMSException {
        if (session.isListenerThread()) kept.keep(id);
        else RowSession.await(session.store().acknowledge(session.writeOrder(), List.of(id)),
                "acknowledging a message");
    }

    @Override
    public boolean redeliversUnconsumed() {
        return true;
    }

    /** Nothing is unacknowledged between messages; inside onMessage the session redelivers the current one. */
    @Override
    public void recover() {
    }

    @Override
    public void idle() {
        kept.flush();
    }

    @Override
    public void close() throws JMSException {
        kept.close();
    }
}
