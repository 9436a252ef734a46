package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;
import org.rowmq.message.RowMessage;
import org.rowmq.store.OutcomeUnknownException;
import org.rowmq.store.OutgoingMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A transacted session's own transaction. Sends are kept in memory and deliveries recorded; commit() writes both in
 * one database transaction: per message, 1 row of one INSERT batch per sent message and 1 id of one DELETE for a
 * received one, and one commit for the whole transaction (1/k of it for k messages). A received message also needs its
 * delivery mark before the application sees it: a commit that acknowledged k messages marks up to k messages buffered
 * next for the session's last consumer (at most {@link RowSession#intervalBound}) in its own transaction (1 id each of
 * one more UPDATE, no commit of its own, see {@link RowSession#nextToMark}), so a loop of receive k and commit waits
 * for no mark of its own while the buffer holds the next k; a claim made for it marks its first k messages (for each
 * local consumer sharing the prefetch) in the claim's own UPDATE, no statement more ({@link RowSession#claimMarks(int)});
 * a message still taken unmarked waits for its own mark (1 id of a group-committed UPDATE, see
 * {@link RowSession#prepareDelivery}), which marks the k - 1 buffered behind it too. Claims take k when more than the
 * prefetch ({@link RowSession#claimWanted(int)}), so commit waits per received message are 1/k. A crash may then flag as redelivered up to the last transaction's size of
 * buffered messages the application never saw. A failed commit wrote nothing: the received messages come back and
 * the application gets TransactionRolledBackException. A commit whose outcome is unknown (the connection broke while
 * the database committed) is reported as such, an OutcomeUnknownException, never as a rollback: its sends may be
 * stored, and sending them again could duplicate them. Rollback and close return the received messages for
 * redelivery and drop the sends.
 */
class LocalTransaction implements TransactionStrategy {
    private final RowSession session;
    /** Guarded by {@code this}. */
    private final List<OutgoingMessage> sends = new ArrayList<>();
    private final List<Long> received = new ArrayList<>();
    private final AcknowledgementInterval interval = new AcknowledgementInterval();

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
        RowSession.NextMark next = toAcknowledge.isEmpty() ? null : session.nextToMark(toAcknowledge.size());
        boolean written = false;
        try {
            session.store().commit(session.writeOrder(), toSend, toAcknowledge, next == null ? List.of() : next.ids());
            written = true;
            if (!toAcknowledge.isEmpty()) interval.ended(toAcknowledge.size());
        } catch (OutcomeUnknownException e) {
            // Committed or not: the sends may be stored, so this is no rollback the application may answer by sending
            // again. Returning the receipts is right either way (rows already consumed are no longer this node's).
            returnReceipts(toAcknowledge, e);
            throw e;
        } catch (JMSException e) {
            // The database transaction did not commit: nothing was sent, the received messages come back.
            returnReceipts(toAcknowledge, e);
            TransactionRolledBackException rolledBack = new TransactionRolledBackException(
                    "The transaction was rolled back because its commit failed: " + e.getMessage());
            rolledBack.setLinkedException(e);
            rolledBack.initCause(e);
            throw rolledBack;
        } finally {
            if (next != null) next.finished(written);
        }
    }

    private void returnReceipts(List<Long> ids, JMSException failure) {
        try {
            session.redeliver(ids);
        } catch (JMSException releaseFailure) {
            failure.addSuppressed(releaseFailure);
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
