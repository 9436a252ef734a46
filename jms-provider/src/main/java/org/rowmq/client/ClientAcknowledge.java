package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.rowmq.message.RowMessage;
import org.rowmq.store.OutgoingMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * CLIENT_ACKNOWLEDGE. Per message: a send as under AUTO (1 INSERT, 1/n of a group commit); a delivery is 1/prefetch of
 * a claim, and Message.acknowledge() deletes everything the session delivered so far in one statement (1/k of it for
 * k messages), group-committed and waited for. What is not acknowledged comes back on recover() or close.
 */
final class ClientAcknowledge implements TransactionStrategy {
    private final RowSession session;
    /** Guarded by {@code this}. */
    private final List<Long> unacknowledged = new ArrayList<>();

    ClientAcknowledge(RowSession session) {
        this.session = session;
    }

    @Override
    public int acknowledgeMode() {
        return Session.CLIENT_ACKNOWLEDGE;
    }

    @Override
    public CompletableFuture<Void> send(OutgoingMessage message) {
        return session.store().send(List.of(message));
    }

    @Override
    public void delivering(RowMessage message, long id) {
        synchronized (this) {
            unacknowledged.add(id);
        }
        message.setAcknowledger(this::acknowledge);
    }

    @Override
    public void acknowledge() throws JMSException {
        session.checkOpen();
        List<Long> ids = take();
        if (!ids.isEmpty()) RowSession.await(session.store().acknowledge(ids), "acknowledging messages");
    }

    @Override
    public void recover() throws JMSException {
        session.redeliver(take());
    }

    @Override
    public void close() throws JMSException {
        List<Long> ids = take();
        if (!ids.isEmpty()) session.store().release(ids, true);
    }

    private synchronized List<Long> take() {
        List<Long> ids = new ArrayList<>(unacknowledged);
        unacknowledged.clear();
        return ids;
    }
}
