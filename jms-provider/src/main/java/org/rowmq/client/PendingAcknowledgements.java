package org.rowmq.client;

import jakarta.jms.JMSException;
import org.rowmq.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Acknowledgements made in application transactions whose outcome RowMQ has not seen yet. The application commits or
 * rolls back its connection without telling RowMQ, so a message received there stays in flight under this node until
 * someone looks: this watch asks the store to settle them ({@link MessageStore#settle}) a moment after they were made
 * and again until their transactions have ended, and at once when a session closes (frameworks close it right after
 * the transaction ends). A rolled-back message is thus redelivered, with its delivery count raised, within about
 * {@link #RECHECK_MILLIS}; a crash of this JVM leaves it to the lease reaper of another.
 *
 * <p>Cost: one settle (one read of the pending ids, plus a SKIP LOCKED read when some are still there) per round,
 * shared by every message acknowledged in that round; nothing while none is pending.
 */
final class PendingAcknowledgements implements AutoCloseable {
    static final long RECHECK_MILLIS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(PendingAcknowledgements.class);

    private final MessageStore store;
    /**
     * Each pending id with the stamp of its latest acknowledgement. A round removes an id only if its stamp is still
     * the one the round started with: the round's redelivery wakes consumers before it returns, and a cached consumer
     * can take the message and acknowledge it again in a new transaction meanwhile; that acknowledgement is the next
     * round's to settle (dropping it left the message in flight under this node for good).
     */
    private final ConcurrentHashMap<Long, Long> ids = new ConcurrentHashMap<>();
    private final AtomicLong stamps = new AtomicLong();
    private final Object lock = new Object();
    private final Thread thread;
    private boolean nudged;
    private boolean closed;
    private boolean reportedFailure;

    PendingAcknowledgements(MessageStore store) {
        this.store = store;
        this.thread = new Thread(this::run, "rowmq-settle-" + store.nodeId());
        thread.setDaemon(true);
        thread.start();
    }

    /** An acknowledgement just made on an application's connection. */
    void add(long id) {
        if (ids.put(id, stamps.incrementAndGet()) == null && ids.size() == 1) {
            synchronized (lock) {
                lock.notifyAll(); // the watch was idle: start its round timer
            }
        }
    }

    /** Settle now rather than at the next round (a session closed: its transaction has likely ended). */
    void settleSoon() {
        synchronized (lock) {
            nudged = true;
            lock.notifyAll();
        }
    }

    private void run() {
        while (true) {
            synchronized (lock) {
                try {
                    while (!closed && !nudged && ids.isEmpty()) lock.wait();
                    // A round every RECHECK_MILLIS however many acknowledgements arrive meanwhile.
                    long deadline = System.nanoTime() + RECHECK_MILLIS * 1_000_000;
                    long left;
                    while (!closed && !nudged && (left = deadline - System.nanoTime()) > 0)
                        lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
                if (closed) return;
                nudged = false;
            }
            settle();
        }
    }

    /** One round; what is still undecided waits for the next. */
    void settle() {
        Map<Long, Long> round = new HashMap<>(ids);
        if (round.isEmpty()) return;
        try {
            Set<Long> undecided = store.settle(round.keySet());
            round.forEach((id, stamp) -> {
                if (!undecided.contains(id)) ids.remove(id, stamp);
            });
            reportedFailure = false;
        } catch (JMSException e) {
            // The database is away: the rows stay in flight and are looked at again next round.
            if (!reportedFailure) LOG.warn("RowMQ could not settle acknowledgements made in application transactions;"
                    + " retrying: {}", e.getMessage());
            reportedFailure = true;
        }
    }

    /** Stops the watch after one last round; rows still undecided are returned by the store's close or a reaper. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        settle();
    }
}
