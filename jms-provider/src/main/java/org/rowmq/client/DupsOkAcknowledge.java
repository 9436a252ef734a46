package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.rowmq.store.OutgoingMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DUPS_OK_ACKNOWLEDGE. Per message: a send as under AUTO (1 INSERT, 1/n of a group commit); a delivery is 1/prefetch
 * of a claim plus 1/prefetch of a unit of one group commit waited for before the application gets the message: a
 * message whose delivery mark was not written yet is marked together with the prefetch's next messages (marks ahead,
 * see {@link org.rowmq.dispatch.QueueFeed#unmarked}), and the DELETEs of the messages consumed since ride on that unit
 * (see {@link KeptAcknowledgement}); the last DELETEs go alone when the session idles or closes. A crash may therefore
 * redeliver, flagged as redelivered, the messages consumed since the last unit, and flag as redelivered up to a
 * prefetch of messages the application never saw: what this mode trades for one commit wait per prefetch instead of
 * one per message. A message the application saw always comes back flagged.
 */
final class DupsOkAcknowledge implements TransactionStrategy {
    private final RowSession session;
    private final KeptAcknowledgement kept;

    DupsOkAcknowledge(RowSession session) {
        this.session = session;
        this.kept = new KeptAcknowledgement(session.store(), session.writeOrder());
    }

    @Override
    public int acknowledgeMode() {
        return Session.DUPS_OK_ACKNOWLEDGE;
    }

    @Override
    public CompletableFuture<Void> send(OutgoingMessage message) {
        return session.store().send(session.writeOrder(), List.of(message));
    }

    @Override
    public int marksAhead() {
        return session.connection().prefetch() - 1;
    }

    @Override
    public List<Long> takeKeptAcknowledgements() {
        return kept.take();
    }

    @Override
    public void delivered(long id) {
        kept.keep(id);
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
        kept.flush();
    }

    @Override
    public void close() throws JMSException {
        kept.close();
    }
}
