package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.rowmq.store.OutgoingMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * AUTO_ACKNOWLEDGE. Per message: a send is 1 INSERT sharing the store's group commit (1/n of a commit); a delivery is
 * 1/prefetch of a claim plus 1 DELETE, also group-committed, which the session waits for before the application gets
 * the next message, so a message is never delivered twice unless the listener throws.
 */
final class AutoAcknowledge implements TransactionStrategy {
    private final RowSession session;

    AutoAcknowledge(RowSession session) {
        this.session = session;
    }

    @Override
    public int acknowledgeMode() {
        return Session.AUTO_ACKNOWLEDGE;
    }

    @Override
    public CompletableFuture<Void> send(OutgoingMessage message) {
        return session.store().send(List.of(message));
    }

    @Override
    public void delivered(long id) throws JMSException {
        RowSession.await(session.store().acknowledge(List.of(id)), "acknowledging a message");
    }

    @Override
    public boolean redeliversUnconsumed() {
        return true;
    }

    /** Nothing is unacknowledged between messages; inside onMessage the session redelivers the current one. */
    @Override
    public void recover() {
    }
}
