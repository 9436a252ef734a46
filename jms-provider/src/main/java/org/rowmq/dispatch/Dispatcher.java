package org.rowmq.dispatch;

import jakarta.jms.JMSException;
import org.rowmq.store.MessageStore;
import org.rowmq.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Everything per store that consumers in this JVM share: the arrival signals and the queue feeds. One per store
 * instance (several connection factories on one database share the store, hence this), reference counted.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final Map<MessageStore, Dispatcher> BY_STORE = new IdentityHashMap<>();
    /** A prefetched message nobody asked for within this time goes back to the queue for other JVMs. */
    private static final long IDLE_RELEASE_NANOS = TimeUnit.MILLISECONDS.toNanos(1000);

    private final MessageStore store;
    private final ArrivalSignals signals = new ArrivalSignals();
    private final ConcurrentHashMap<FeedKey, QueueFeed> feeds = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;
    private int references;

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
    }

    public static Dispatcher acquire(MessageStore store) {
        synchronized (BY_STORE) {
            Dispatcher d = BY_STORE.computeIfAbsent(store, Dispatcher::new);
            d.references++;
            return d;
        }
    }

    public void release() {
        synchronized (BY_STORE) {
            if (--references > 0) return;
            BY_STORE.remove(store);
        }
        sweeper.shutdownNow();
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
     * The shared feed for a queue and selector; call {@link #leave(QueueFeed, String)} when the consumer closes.
     *
     * @param selectorText identifies the filter: consumers with the same selector text share a feed
     */
    public QueueFeed join(String queue, String selectorText, Predicate<StoredMessage> filter, int batch) {
        QueueFeed feed = feeds.compute(new FeedKey(queue, selectorText), (k, f) -> {
            QueueFeed result = f != null ? f : new QueueFeed(store, queue, filter, batch);
            result.addUser();
            return result;
        });
        return Objects.requireNonNull(feed);
    }

    public void leave(QueueFeed feed, String selectorText) throws JMSException {
        JMSException[] failure = new JMSException[1];
        feeds.computeIfPresent(new FeedKey(feed.queue(), selectorText), (k, f) -> {
            try {
                return f.removeUser() ? null : f;
            } catch (JMSException e) {
                failure[0] = e;
                return null;
            }
        });
        if (failure[0] != null) throw failure[0];
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
