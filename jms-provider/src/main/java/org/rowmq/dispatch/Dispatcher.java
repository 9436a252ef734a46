package org.rowmq.dispatch;

import jakarta.jms.JMSException;
import org.rowmq.store.ClaimFilter;
import org.rowmq.store.MessageStore;
import org.rowmq.store.SharedStore;
import org.rowmq.store.StoreRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything per store that consumers in this JVM share: the arrival signals, the queue feeds, the subscription
 * selectors, the sweeper of idle prefetches and the threads of the feeds' read-ahead claims. The store's one
 * {@link StoreRuntime}: every connection factory with the same configuration gets this same one through
 * {@link #of(SharedStore)}, and the store closes it with its last reference, so the arrival listener it sets is never
 * replaced or cleared while anybody uses the store.
 */
public final class Dispatcher implements StoreRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /** A prefetched message nobody asked for within this time goes back to the queue for other JVMs. */
    private static final long IDLE_RELEASE_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);

    private final MessageStore store;
    private final ArrivalSignals signals = new ArrivalSignals();
    private final ConcurrentHashMap<FeedKey, QueueFeed> feeds = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    /** At most one thread per feed is busy here at a time (a feed runs one claim at a time). */
    private final ExecutorService readAhead;

    private record FeedKey(String queue, String selector) {
    }

    private Dispatcher(MessageStore store) {
        this.store = store;
        store.setArrivalListener(signals);
        store.setSubscriptionMatcher(new SubscriptionSelectors());
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rowmq-prefetch-sweeper");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(this::releaseIdleBuffers, 500, 500, TimeUnit.MILLISECONDS);
        readAhead = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "rowmq-read-ahead");
            t.setDaemon(true);
            return t;
        });
    }

    /** The dispatcher of this store, built on first use. */
    public static Dispatcher of(SharedStore shared) throws JMSException {
        return shared.runtime(Dispatcher.class, Dispatcher::new);
    }

    /** Called by the store when its last reference closes. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        // A read-ahead claim still running lands its batch (or, its feed closed, returns it to the queue) before the
        // store closes under it; the node's leaving returns whatever stays in flight.
        readAhead.shutdown();
        try {
            if (!readAhead.awaitTermination(10, TimeUnit.SECONDS)) LOG.warn("A read-ahead claim did not end within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.setArrivalListener(null);
    }

    public MessageStore store() {
        return store;
    }

    public ArrivalSignals signals() {
        return signals;
    }

    public boolean notified() {
        return store.notifiesArrivals();
    }

    /**
     * The shared feed for a queue and selector; call {@link #leave(QueueFeed, String, Object)} when the consumer closes.
     *
     * @param selectorText identifies the filter: consumers with the same selector text share a feed
     */
    public QueueFeed join(String queue, String selectorText, ClaimFilter filter, int batch) {
        QueueFeed feed = feeds.compute(new FeedKey(queue, selectorText), (k, f) -> {
            QueueFeed result = f != null ? f : new QueueFeed(store, queue, filter, batch, readAhead);
            result.addUser();
            return result;
        });
        return Objects.requireNonNull(feed);
    }

    /** {@code consumer} (the object it polled with) closed; its message groups there may go to other consumers. */
    public void leave(QueueFeed feed, String selectorText, Object consumer) throws JMSException {
        boolean[] last = new boolean[1];
        // Only the count changes inside the map's lock; handing the buffer back is a statement, run after.
        feeds.computeIfPresent(new FeedKey(feed.queue(), selectorText), (k, f) -> {
            if (f != feed || !f.removeUser(consumer)) return f;
            last[0] = true;
            return null;
        });
        if (last[0]) feed.close();
    }

    private void releaseIdleBuffers() {
        for (QueueFeed feed : feeds.values()) {
            try {
                feed.releaseIfIdle(IDLE_RELEASE_NANOS);
            } catch (JMSException e) {
                // The rows stay in flight under this node; the next sweep or the lease reaper returns them.
                LOG.warn("Could not return idle prefetched messages of queue '{}': {}", feed.queue(), e.getMessage());
            }
        }
    }
}
