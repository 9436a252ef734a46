package org.rowmq.dispatch;

import jakarta.jms.JMSException;
import org.rowmq.store.BrowsePosition;
import org.rowmq.store.ClaimFilter;
import org.rowmq.store.Claimed;
import org.rowmq.store.MessageStore;
import org.rowmq.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The prefetch of one queue (and one selector) in this JVM, shared by every consumer of it here. One claim statement
 * fetches a batch for all of them (cost per message: 1/batch of a claim), and since in-flight rows are owned by the
 * node, not by a consumer, any local consumer may take any buffered message. A consumer that is stopped or never asks
 * therefore holds nothing; a buffer nobody polls for a while is handed back to the queue so other JVMs can have it.
 *
 * <p>The monitor guards the buffer only; no database call runs under it. One claim at a time per feed (single
 * flight): a consumer that finds a claim under way waits for its batch instead of claiming another, and closing a
 * consumer, putting a message back or handing the buffer back never waits for a claim's statement.
 */
public final class QueueFeed {
    private static final Logger LOG = LoggerFactory.getLogger(QueueFeed.class);
    private final MessageStore store;
    private final String queue;
    private final ClaimFilter filter;
    private final int batch;
    private final ArrayDeque<StoredMessage> buffer = new ArrayDeque<>();
    private long lastPollNanos = System.nanoTime();
    private int users;
    /** A claim is running outside the monitor; its batch lands in the buffer (or back in the queue once closed). */
    private boolean claiming;
    /** The last user left: nothing more is buffered here. */
    private boolean closed;
    /** Where the next filtered claim resumes looking past non-matching messages (null: the head). Claimer's only. */
    private BrowsePosition resume;

    QueueFeed(MessageStore store, String queue, ClaimFilter filter, int batch) {
        this.store = store;
        this.queue = queue;
        this.filter = filter;
        this.batch = batch;
    }

    public String queue() {
        return queue;
    }

    /** The next message for a local consumer, claiming a new batch when the buffer is empty; null when none is ready. */
    public StoredMessage poll() throws JMSException {
        synchronized (this) {
            lastPollNanos = System.nanoTime();
            while (claiming) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            StoredMessage m = buffer.poll();
            if (m != null || closed) return m;
            claiming = true;
        }
        List<StoredMessage> claimed = List.of();
        try {
            // Only the claiming thread (single flight) reads and writes resume.
            Claimed result = store.claim(queue, batch, filter, resume);
            resume = result.resume();
            claimed = result.messages();
        } finally {
            List<StoredMessage> orphans = land(claimed);
            if (!orphans.isEmpty()) store.release(ids(orphans), false);
        }
        synchronized (this) {
            return buffer.poll();
        }
    }

    /** Puts a claimed batch into the buffer; returns it instead when the feed closed meanwhile (to go back to the queue). */
    private synchronized List<StoredMessage> land(List<StoredMessage> claimed) {
        claiming = false;
        notifyAll();
        if (closed) return claimed;
        buffer.addAll(claimed);
        return List.of();
    }

    /** Takes back a message a consumer polled but did not deliver (it closed or stopped meanwhile). */
    public void putBack(StoredMessage m) {
        synchronized (this) {
            if (!closed) {
                buffer.addFirst(m);
                return;
            }
        }
        try {
            store.release(List.of(m.id()), false);
        } catch (JMSException e) {
            // It stays in flight under this node until the node closes or is reaped; then it is ready again.
            LOG.warn("Could not return a prefetched message of queue '{}': {}", queue, e.getMessage());
        }
    }

    /** Hands every buffered message back to the queue (before a redelivery, so the queue's order holds again). */
    public void returnBuffer() throws JMSException {
        release(drain());
    }

    synchronized void addUser() {
        users++;
    }

    /** Returns true when the last user left: the feed is closed, and its buffer is to be released with {@link #close()}. */
    synchronized boolean removeUser() {
        if (--users > 0) return false;
        closed = true;
        return true;
    }

    /** After the last user left: hands the buffer back to the queue (a claim still running hands its batch back itself). */
    void close() throws JMSException {
        release(drain());
    }

    /** Hands the buffer back if nobody polled for {@code idleNanos}. */
    void releaseIfIdle(long idleNanos) throws JMSException {
        List<StoredMessage> idle;
        synchronized (this) {
            if (buffer.isEmpty() || System.nanoTime() - lastPollNanos <= idleNanos) return;
            idle = drain();
        }
        release(idle);
    }

    private synchronized List<StoredMessage> drain() {
        List<StoredMessage> all = new ArrayList<>(buffer);
        buffer.clear();
        return all;
    }

    private void release(List<StoredMessage> messages) throws JMSException {
        if (!messages.isEmpty()) store.release(ids(messages), false);
    }

    private static List<Long> ids(List<StoredMessage> messages) {
        List<Long> ids = new ArrayList<>(messages.size());
        for (StoredMessage m : messages) ids.add(m.id());
        return ids;
    }
}
