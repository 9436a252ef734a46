package org.rowmq.client;

import jakarta.jms.JMSException;
import org.rowmq.store.MessageStore;
import org.rowmq.store.WriteOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Acknowledgements kept to ride on the next delivery mark ({@link MessageStore#markDelivered}): the deletes of the
 * messages consumed since the last mark and the next mark are one unit of one group commit, written and waited for
 * before the next message reaches the application, so a busy consumer pays one commit wait per mark for both (per
 * message under an AUTO_ACKNOWLEDGE listener, per prefetch under DUPS_OK_ACKNOWLEDGE, which marks ahead). When no next
 * message comes (the session idles, stops or closes) they are written alone. A JVM that dies while some are kept has
 * those messages redelivered, flagged as such: the last one under AUTO_ACKNOWLEDGE, which the spec allows, and up to a
 * prefetch under DUPS_OK_ACKNOWLEDGE, which allows duplicates.
 */
final class KeptAcknowledgement {
    private final MessageStore store;
    private final WriteOrder order;
    /** Guarded by {@code this}. */
    private final List<Long> kept = new ArrayList<>();
    private volatile CompletableFuture<Void> lastFlush = TransactionStrategy.DONE;

    KeptAcknowledgement(MessageStore store, WriteOrder order) {
        this.store = store;
        this.order = order;
    }

    /** The application consumed this message: acknowledged with the next mark or flush. */
    synchronized void keep(long id) {
        kept.add(id);
    }

    /** The kept acknowledgements, for the next mark; none are kept afterwards. */
    synchronized List<Long> take() {
        if (kept.isEmpty()) return List.of();
        List<Long> ids = new ArrayList<>(kept);
        kept.clear();
        return ids;
    }

    /** Writes the kept acknowledgements on their own, without waiting (the session has nothing more to deliver now). */
    void flush() {
        List<Long> ids = take();
        if (!ids.isEmpty()) lastFlush = store.acknowledge(order, ids);
    }

    /** Writes the kept acknowledgements and waits for every flush (the session closes). */
    void close() throws JMSException {
        flush();
        RowSession.await(lastFlush, "acknowledging messages");
    }
}
