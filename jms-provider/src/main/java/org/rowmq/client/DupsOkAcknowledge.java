package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.rowmq.store.OutgoingMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DUPS_OK_ACKNOWLEDGE. Per message: a send as under AUTO (1 INSERT, 1/n of a group commit); a delivery is 1/prefetch
 * of a claim plus 1/prefetch of a DELETE: acknowledgements are collected and sent in one statement per prefetch-sized
 * batch (or when the session is idle or closes), without waiting, so a crash may redeliver a batch.
 */
final class DupsOkAcknowledge implements TransactionStrategy {
    private final RowSession session;
    /** Guarded by {@code this}. */
    private final List<Long> pending = new ArrayList<>();
    private volatile CompletableFuture<Void> lastFlush = DONE;

    DupsOkAcknowledge(RowSession session) {
        this.session = session;
    }

    @Override
    public int acknowledgeMode() {
        return Session.DUPS_OK_ACKNOWLEDGE;
    }

    @Override
    public CompletableFuture<Void> send(OutgoingMessage message) {
        return session.store().send(List.of(message));
    }

    @Override
    public void delivered(long id) {
        List<Long> batch = null;
        synchronized (this) {
            pending.add(id);
            if (pending.size() >= session.connection().prefetch()) batch = take();
        }
        if (batch != null) lastFlush = session.store().acknowledge(batch);
    }

    @Override
    public boolean redeliversUnconsumed() {
        return true;
    }

    @Override
    public void recover() {
    }

    @Override
    public void idle() {
        List<Long> batch;
        synchronized (this) {
            if (pending.isEmpty()) return;
            batch = take();
        }
        lastFlush = session.store().acknowledge(batch);
    }

    @Override
    public void close() throws JMSException {
        idle();
        RowSession.await(lastFlush, "acknowledging messages");
    }

    private List<Long> take() {
        List<Long> batch = new ArrayList<>(pending);
        pending.clear();
        return batch;
    }
}
