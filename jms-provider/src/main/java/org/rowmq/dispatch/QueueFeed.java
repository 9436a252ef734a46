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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The prefetch of one queue (and one selector) in this JVM, shared by every consumer of it here. One claim statement
 * fetches a batch for all of them (cost per message: 1/batch of a claim), and since in-flight rows are owned by the
 * node, not by a consumer, any local consumer may take any buffered message. A consumer that is stopped or never asks
 * therefore holds nothing; a buffer nobody polls for a while is handed back to the queue so other JVMs can have it.
 *
 * <p>The monitor guards the buffer only; no database call runs under it. One claim at a time per feed (single
 * flight): a consumer that finds a claim under way waits for its batch instead of claiming another, and closing a
 * consumer, putting a message back or handing the buffer back never waits for a claim's statement.
 *
 * <p>Message groups: the store gives this node at most one message of a group at a time and makes the group stick to
 * this node; here the group sticks to the local consumer that took its last message, until that consumer leaves or
 * takes a message closing the group. Another consumer passes over a buffered message of a group that sticks to
 * someone else (and claims more if nothing else is buffered for it).
 *
 * <p>Read-ahead: when a poll takes a message and leaves fewer buffered than half of what a claim would take, and the
 * last claim came back full (the queue likely holds more), the next claim starts at once on another thread, as large
 * and marking as many as the most demanding poll since the last claim asked (each poll names its own, see
 * {@link #poll}). Consumers keep taking buffered messages while it runs instead of all waiting for it
 * once the buffer is empty (measured on PostgreSQL, 4 producers and 4 consumers: about a tenth more messages per
 * second; 16 x 16 about a seventh). So the feed holds at most one and a half claims. A prefetch of 1 never reads ahead
 * (the user asked for one message at a time per JVM).
 */
public final class QueueFeed {
    private static final Logger LOG = LoggerFactory.getLogger(QueueFeed.class);
    private final MessageStore store;
    private final String queue;
    private final ClaimFilter filter;
    private final int batch;
    private final Executor readAhead;
    private final ArrayDeque<StoredMessage> buffer = new ArrayDeque<>();
    private long lastPollNanos = System.nanoTime();
    private int users;
    /** A claim is running outside the monitor; its batch lands in the buffer (or back in the queue once closed). */
    private boolean claiming;
    /** The last user left: nothing more is buffered here. */
    private boolean closed;
    /** Where the next filtered claim resumes looking past non-matching messages (null: the head). Claimer's only. */
    private BrowsePosition resume;
    /** Which local consumer each message group sticks to (by group id: a feed serves one queue). */
    private final Map<String, Object> groupConsumers = new HashMap<>();
    /**
     * Buffered messages whose delivery mark was written ahead of their delivery (see {@link #unmarked}): an id is here
     * only while its message is in the buffer and marked in the database, so a consumer that polls it need not mark
     * it again. Every hand-back of buffered messages clears their marks in the database and here.
     */
    private final Set<Long> markedAhead = new HashSet<>();
    /**
     * Buffered messages whose marks ahead are being written by some session's unit: other sessions sharing this feed
     * pick the messages after them instead of marking the same ones again (they still count as unmarked until written,
     * so a consumer that polls one meanwhile marks it itself).
     */
    private final Set<Long> markingAhead = new HashSet<>();
    /** Counts hand-backs of buffered messages, so that a mark ahead written across one is not recorded. */
    private long handBacks;
    /** Numbers the claims of this feed in the order they start (single flight: also the order they finish). */
    private long claimsStarted;
    /** The number of the last claim that ran unfiltered and came back with fewer messages than it asked for. */
    private long lastDrainingClaim;
    /** Whether the last claim got all it asked for (false before the first): only then is claiming ahead worth it. */
    private boolean lastClaimFull;
    /**
     * The most messages, and the most marks, that the polls since the last claim started would have claimed with: a
     * claim made ahead serves every consumer sharing the buffer, so it takes what the most demanding of them asked.
     */
    private int wantedSize;
    private int wantedMarks;

    /** @param readAhead runs read-ahead claims (see the class comment) */
    QueueFeed(MessageStore store, String queue, ClaimFilter filter, int batch, Executor readAhead) {
        this.store = store;
        this.queue = queue;
        this.filter = filter;
        this.batch = batch;
        this.readAhead = readAhead;
    }

    public String queue() {
        return queue;
    }

    /**
     * The next message for a local consumer, claiming a new batch when nothing buffered is for it; null when none is
     * ready.
     *
     * @param consumer the consumer asking: the message groups it takes stick to it
     * @param want     how many messages the consumer's session is expected to take before its next commit or
     *                 acknowledgement (0 when unknown): a claim it makes takes that many when more than the feed's
     *                 batch, so a transaction of 100 waits for one claim, not ten; the caller bounds it
     * @param marks    how many of the first messages a claim it makes marks delivered in the claim's own statement
     *                 (for sessions that mark the messages they deliver and accept marks ahead: CLIENT_ACKNOWLEDGE and
     *                 transactions); those are recorded as {@link #takeMark marked ahead}
     */
    public StoredMessage poll(Object consumer, int want, int marks) throws JMSException {
        long claim;
        int size = Math.max(batch, want);
        synchronized (this) {
            lastPollNanos = System.nanoTime();
            wantedSize = Math.max(wantedSize, size);
            wantedMarks = Math.max(wantedMarks, marks);
            long startedBefore = claimsStarted;
            StoredMessage m;
            // Nothing buffered for this consumer while a claim runs: its batch may hold something, so wait for it.
            while ((m = take(consumer)) == null && claiming) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            if (m != null) readAheadIfLow();
            if (m != null || closed) return m;
            // A claim that started after this poll and found the queue drained has just looked for this consumer
            // too: claiming again would find only what arrived since, and every such arrival wakes the consumer (or
            // waits for its next idle look, if nobody announces it). Without this, each arrival woke every local
            // consumer of the queue and each claimed in turn, all but the first finding nothing.
            if (lastDrainingClaim > startedBefore) return null;
            claiming = true;
            claim = ++claimsStarted;
            wantedSize = 0;
            wantedMarks = 0;
        }
        runClaim(claim, size, marks);
        synchronized (this) {
            return take(consumer);
        }
    }

    /** Starts a read-ahead claim when the buffer runs low (see the class comment); called under the monitor. */
    private void readAheadIfLow() {
        if (claiming || closed || !lastClaimFull || batch < 2 || buffer.size() >= wantedSize / 2) return;
        claiming = true;
        long claim = ++claimsStarted;
        int size = wantedSize;
        int marks = wantedMarks;
        wantedSize = 0;
        wantedMarks = 0;
        try {
            readAhead.execute(() -> {
                try {
                    runClaim(claim, size, marks);
                } catch (JMSException | RuntimeException e) {
                    // Nobody waits for this batch: the next poll that finds the buffer empty claims itself and meets
                    // the failure, if it lasts.
                    LOG.debug("A read-ahead claim from queue '{}' failed: {}", queue, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // The dispatcher is closing: no claim runs, and the pollers waiting for one claim themselves.
            claiming = false;
            notifyAll();
        }
    }

    /** Runs claim number {@code claim} (this feed's single flight, started under the monitor) and lands its batch. */
    private void runClaim(long claim, int size, int marks) throws JMSException {
        List<StoredMessage> claimed = List.of();
        int marked = 0;
        boolean drained = false;
        try {
            // Only the claiming thread (single flight) reads and writes resume.
            Claimed result = store.claim(queue, size, filter, resume, marks);
            resume = result.resume();
            claimed = result.messages();
            marked = result.marked();
            // A filtered claim may stop after a bounded look with more matches further on: it drained nothing.
            drained = filter == null && claimed.size() < size;
        } finally {
            List<StoredMessage> orphans = land(claimed, marked, size, drained ? claim : 0);
            if (!orphans.isEmpty()) {
                store.release(ids(orphans), false);
                // The claim made their groups stick here after the close let them go: let them go again.
                store.releaseGroups(queue);
            }
        }
    }

    /** The first buffered message {@code consumer} may have (ungrouped, or its group sticks to nobody else here). */
    private StoredMessage take(Object consumer) {
        for (Iterator<StoredMessage> it = buffer.iterator(); it.hasNext(); ) {
            StoredMessage m = it.next();
            if (m.group() != null) {
                Object owner = groupConsumers.get(m.group().id());
                if (owner != null && owner != consumer) continue;
                if (m.group().closes()) groupConsumers.remove(m.group().id());
                else groupConsumers.put(m.group().id(), consumer);
            }
            it.remove();
            return m;
        }
        return null;
    }

    /**
     * Puts a batch claimed for {@code size} messages into the buffer, its first {@code marked} messages marked
     * delivered by the claim; returns it instead when the feed closed meanwhile (to go back to the queue, its marks
     * cleared). {@code drainingClaim}: the claim's number when it found the queue drained, else 0.
     */
    private synchronized List<StoredMessage> land(List<StoredMessage> claimed, int marked, int size,
                                                  long drainingClaim) {
        claiming = false;
        if (drainingClaim > 0) lastDrainingClaim = drainingClaim;
        lastClaimFull = claimed.size() >= size;
        notifyAll();
        if (closed) return claimed;
        buffer.addAll(claimed);
        for (int i = 0; i < marked; i++) markedAhead.add(claimed.get(i).id());
        return List.of();
    }

    /** Buffered messages whose marks may be written ahead, and the hand-back count to give {@link #markedAhead}. */
    public record Ahead(List<Long> ids, long handBacks) {
    }

    /**
     * Up to {@code n} buffered messages, next in line, whose delivery marks have not been written ahead yet nor are
     * being written; the caller writes their marks and then reports with {@link #markedAhead}, whatever the outcome.
     */
    public synchronized Ahead unmarked(int n) {
        List<Long> ids = new ArrayList<>(n);
        for (StoredMessage m : buffer) {
            if (ids.size() >= n) break;
            if (!markedAhead.contains(m.id()) && !markingAhead.contains(m.id())) ids.add(m.id());
        }
        markingAhead.addAll(ids);
        return new Ahead(ids, handBacks);
    }

    /**
     * The unit carrying these marks ended: when {@code written}, those still buffered need no mark at delivery.
     * Nothing is recorded if buffered messages were handed back meanwhile (a message handed back and claimed again has
     * its mark cleared).
     */
    public synchronized void markedAhead(Ahead ahead, boolean written) {
        ahead.ids().forEach(markingAhead::remove);
        if (!written || ahead.handBacks() != handBacks) return;
        for (StoredMessage m : buffer) if (ahead.ids().contains(m.id())) markedAhead.add(m.id());
    }

    /** For a message just polled: whether its delivery mark was written ahead (then it needs none now). */
    public synchronized boolean takeMark(long id) {
        return markedAhead.remove(id);
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

    /** How many local consumers share this feed now. */
    public synchronized int users() {
        return users;
    }

    synchronized void addUser() {
        users++;
    }

    /**
     * A consumer left: its message groups may go to the other consumers here. Returns true when it was the last user:
     * the feed is closed, and its buffer is to be released with {@link #close()}.
     */
    synchronized boolean removeUser(Object consumer) {
        groupConsumers.values().removeIf(owner -> owner == consumer);
        if (--users > 0) return false;
        closed = true;
        return true;
    }

    /**
     * After the last user left: hands the buffer back to the queue (a claim still running hands its batch back itself)
     * and lets the message groups that stuck to this node go to consumers elsewhere. With another feed of the same
     * queue here (another selector), that one's groups go too; its next claims make them stick again.
     */
    void close() throws JMSException {
        release(drain());
        store.releaseGroups(queue);
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
        markedAhead.clear();
        markingAhead.clear();
        handBacks++;
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
