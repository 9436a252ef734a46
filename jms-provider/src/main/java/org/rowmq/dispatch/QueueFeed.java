package org.rowmq.dispatch;

import jakarta.jms.JMSException;
import org.rowmq.store.MessageStore;
import org.rowmq.store.StoredMessage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The prefetch of one queue (and one selector) in this JVM, shared by every consumer of it here. One claim statement
 * fetches a batch for all of them (cost per message: 1/batch of a claim), and since in-flight rows are owned by the
 * node, not by a consumer, any local consumer may take any buffered message. A consumer that is stopped or never asks
 * therefore holds nothing; a buffer nobody polls for a while is handed back to the queue so other JVMs can have it.
 */
public final class QueueFeed {
    private final MessageStore store;
    private final String queue;
    private final Predicate<StoredMessage> filter;
    private final int batch;
    private final ArrayDeque<StoredMessage> buffer = new ArrayDeque<>();
    private long lastPollNanos = System.nanoTime();
    private int users;

    QueueFeed(MessageStore store, String queue, Predicate<StoredMessage> filter, int batch) {
        this.store = store;
        this.queue = queue;
        this.filter = filter;
        this.batch = batch;
    }

    public String queue() {
        return queue;
    }

    /** The next message for a local consumer, claiming a new batch when the buffer is empty; null when none is ready. */
    public synchronized StoredMessage poll() throws JMSException {
        lastPollNanos = System.nanoTime();
        if (buffer.isEmpty()) buffer.addAll(store.claim(queue, batch, filter));
        return buffer.poll();
    }

    /** Takes back a message a consumer polled but did not deliver (it closed or stopped meanwhile). */
    public synchronized void putBack(StoredMessage m) {
        buffer.addFirst(m);
    }

    /** Hands every buffered message back to the queue (before a redelivery, so the queue's order holds again). */
    public synchronized void returnBuffer() throws JMSException {
        releaseBuffer();
    }

    synchronized void addUser() {
        users++;
    }

    /** Returns true when the last user left; the buffer is then released to the queue. */
    synchronized boolean removeUser() throws JMSException {
        if (--users > 0) return false;
        releaseBuffer();
        return true;
    }

    /** Hands the buffer back if nobody polled for {@code idleNanos}. */
    synchronized void releaseIfIdle(long idleNanos) throws JMSException {
        if (!buffer.isEmpty() && System.nanoTime() - lastPollNanos > idleNanos) releaseBuffer();
    }

    private void releaseBuffer() throws JMSException {
        if (buffer.isEmpty()) return;
        List<Long> ids = new ArrayList<>(buffer.size());
        for (StoredMessage m : buffer) ids.add(m.id());
        buffer.clear();
        store.release(ids, false);
    }
}
