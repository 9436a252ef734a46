package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.rowmq.message.RowMessage;
import org.rowmq.store.OutgoingMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * CLIENT_ACKNOWLEDGE. Per message: a send as under AUTO (1 INSERT, 1/n of a group commit); a delivery is a share of a
 * claim (of the prefetch, or of the last interval k when larger, see {@link RowSession#claimWanted(int)}) plus its delivery
 * mark, and Message.acknowledge() deletes everything the session delivered so far in one statement (1/k of it for k
 * messages), group-committed and waited for. That acknowledgement's unit also marks up to k messages buffered next for
 * the session's last consumer (1 id each of one more UPDATE, no commit of its own, see {@link RowSession#nextToMark}),
 * so a loop of receive k and acknowledge waits for no mark of its own while the buffer holds the next k; a claim made
 * for it marks its first k messages (for each local consumer sharing the prefetch) in the claim's own UPDATE, no
 * statement more ({@link RowSession#claimMarks(int)}); a message still taken unmarked waits for its own mark (1 id of a
 * group-committed UPDATE, see {@link RowSession#prepareDelivery}), which marks the k - 1 buffered behind it too. Commit
 * waits per message: 1/k. A crash may flag as redelivered up to the last acknowledgement's count (at most
 * {@link RowSession#intervalBound}) of buffered messages the application never saw. What is not acknowledged comes
 * back on recover() or close.
 */
final class ClientAcknowledge implements TransactionStrategy {
    private final RowSession session;
    /** Guarded by {@code this}. */
    private final List<Long> unacknowledged = new ArrayList<>();
    private final AcknowledgementInterval interval = new AcknowledgementInterval();

    ClientAcknowledge(RowSession session) {
        this.session = session;
    }

    @Override
    public int acknowledgeMode() {
        return Session.CLIENT_ACKNOWLEDGE;
    }

    @Override
    public CompletableFuture<Void> send(OutgoingMessage message) {
        return session.store().send(session.writeOrder(), List.of(message));
    }

    @Override
    public int marksAhead() {
        return interval.marksAhead();
    }

    @Override
    public int claimWanted() {
        return interval.claimWanted();
    }

    @Override
    public boolean claimMarks() {
        return true;
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
        if (ids.isEmpty()) return;
        RowSession.NextMark next = session.nextToMark(ids.size());
        boolean written = false;
        try {
            RowSession.await(session.store().markDelivered(session.writeOrder(), List.of(),
                    next == null ? List.of() : next.ids(), ids), "acknowledging messages");
            written = true;
        } finally {
            if (next != null) next.finished(written);
        }
        interval.ended(ids.size());
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
