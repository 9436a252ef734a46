package org.rowmq.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import org.rowmq.dispatch.ArrivalSignals;
import org.rowmq.dispatch.PollInterval;
import org.rowmq.dispatch.QueueFeed;
import org.rowmq.dispatch.Waiter;
import org.rowmq.message.MessageCodec;
import org.rowmq.message.RowDestination;
import org.rowmq.message.RowMessage;
import org.rowmq.selector.Selector;
import org.rowmq.store.ClaimFilter;
import org.rowmq.store.StoredMessage;
import org.rowmq.store.Subscription;
import org.rowmq.store.SubscriptionSpec;

import java.util.UUID;

/**
 * A queue consumer. It reads from the JVM's shared feed of its queue and selector (see {@link QueueFeed}) and only
 * when asked: a receive call, or a listener on a started connection. A consumer that is never asked holds nothing.
 */
public class RowMessageConsumer implements QueueReceiver, TopicSubscriber {
    private final RowSession session;
    private final RowDestination destination;
    private final Selector selector;
    private final QueueFeed feed;
    /** For a topic consumer: its subscription, whose queue the feed reads; null for a queue consumer. */
    private final Subscription subscription;
    private final String consumerId = UUID.randomUUID().toString();
    private final boolean noLocal;
    private final Object receiveLock = new Object();
    private volatile MessageListener listener;
    private volatile boolean closed;
    /** The thread blocked in receive, if any, woken by close(). */
    private volatile Waiter receiving;

    /** A queue consumer: the selector filters at claim time. */
    RowMessageConsumer(RowSession session, RowDestination destination, String selectorText) throws JMSException {
        this.session = session;
        this.destination = destination;
        this.selector = Selector.parse(selectorText);
        this.subscription = null;
        this.noLocal = false;
        ClaimFilter filter = selector.matchesAll() ? null : this::matches;
        this.feed = session.connection().dispatcher().join(destination.name(),
                selector.matchesAll() ? null : selector.text(), filter, session.connection().prefetch());
    }

    /**
     * A topic consumer on a subscription built from {@code spec}: its selector was applied when messages were
     * published, so the feed of the subscription's queue needs no filter.
     */
    RowMessageConsumer(RowSession session, RowDestination topic, SubscriptionSpec spec, boolean noLocal) throws JMSException {
        this.session = session;
        this.destination = topic;
        this.selector = Selector.parse(spec.selector()); // invalid text fails here, before anything is stored
        this.noLocal = noLocal;
        this.subscription = session.store().subscribe(spec, consumerId);
        this.feed = session.connection().dispatcher().join(subscription.queue(), null, null, session.connection().prefetch());
    }

    /** Judged on the headers and properties; the claim may give only the start of the payload (see ClaimFilter). */
    private Boolean matches(StoredMessage stored, boolean complete) {
        try {
            return selector.matches(MessageCodec.decode(stored.payload()));
        } catch (JMSException e) {
            // The start did not hold all headers and properties: ask for the whole. A whole row that does not decode
            // matches nothing here; it stays in the queue for an operator to inspect.
            return complete ? Boolean.FALSE : null;
        }
    }

    RowSession session() {
        return session;
    }

    RowDestination destination() {
        return destination;
    }

    MessageListener listener() {
        return listener;
    }

    boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) throw Failures.closed("message consumer");
        session.checkOpen();
    }

    StoredMessage poll() throws JMSException {
        int sharing = feed.users();
        return feed.poll(this, session.claimWanted(sharing), session.claimMarks(sharing));
    }

    void putBack(StoredMessage m) {
        feed.putBack(m);
    }

    /** See {@link QueueFeed#takeMark}. */
    boolean takeMark(long id) {
        return feed.takeMark(id);
    }

    /** See {@link QueueFeed#unmarked}. */
    QueueFeed.Ahead unmarked(int n) {
        return feed.unmarked(n);
    }

    /** See {@link QueueFeed#markedAhead}. */
    void markedAhead(QueueFeed.Ahead ahead, boolean written) {
        feed.markedAhead(ahead, written);
    }

    /** Hands this consumer's prefetched messages back to the queue, so redelivered ones are read again first. */
    void returnPrefetched() throws JMSException {
        feed.returnBuffer();
    }

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return selector.matchesAll() ? null : selector.text();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        this.listener = listener;
        if (listener != null) {
            session.connection().dispatcher().signals().register(feed.queue(), session.listenerWaiter());
            session.listenerChanged();
        }
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        if (!(destination instanceof Queue q)) throw new IllegalStateException("This consumer reads a topic, not a queue");
        return q;
    }

    @Override
    public Message receive() throws JMSException {
        return receive(Long.MAX_VALUE, true);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return receive(timeout <= 0 ? Long.MAX_VALUE : timeout, true);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receive(0, false);
    }

    /** A message taken for this consumer, not yet acknowledged. */
    record Taken(StoredMessage stored, RowMessage message) {
    }

    private Message receive(long timeout, boolean wait) throws JMSException {
        Taken t = take(timeout, wait);
        if (t == null) return null;
        session.delivered(t.stored().id());
        return t.message();
    }

    /**
     * Takes the next message, leaving its acknowledgement to the caller ({@link RowSession#delivered(long)}), or
     * giving it back with {@link #putBack(StoredMessage)}.
     *
     * @param timeout milliseconds to wait for a message; Long.MAX_VALUE for ever
     * @param wait    false for receiveNoWait: one look, no waiting
     */
    Taken take(long timeout, boolean wait) throws JMSException {
        checkOpen();
        if (listener != null)
            throw new IllegalStateException("This consumer has a MessageListener; it cannot also receive synchronously");
        RowConnection connection = session.connection();
        ArrivalSignals signals = connection.dispatcher().signals();
        PollInterval poll = new PollInterval(connection.dispatcher().notified());
        long deadline = timeout == Long.MAX_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() + timeout;
        Waiter waiter = new Waiter();
        synchronized (receiveLock) {
            receiving = waiter;
            signals.register(feed.queue(), waiter);
            connection.addWaiter(waiter);
            try {
                while (!closed && !session.isClosed() && !connection.isClosed()) {
                    if (connection.isStarted()) {
                        StoredMessage stored = poll();
                        if (stored != null) {
                            RowMessage m = session.prepareDelivery(this, stored);
                            if (m == null) continue; // expired while prefetched: look again at once
                            return new Taken(stored, m);
                        }
                    }
                    if (!wait) return null;
                    long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.currentTimeMillis();
                    if (left <= 0) return null;
                    long sleep = connection.isStarted() ? poll.next() : 1000;
                    waiter.await(Math.min(left, sleep));
                }
                return null;
            } catch (InterruptedException e) {
                throw Failures.interrupted("receiving from " + destination);
            } finally {
                signals.unregister(feed.queue(), waiter);
                connection.removeWaiter(waiter);
                receiving = null;
            }
        }
    }

    @Override
    public void close() throws JMSException {
        if (closed) return;
        closeFromSession();
        session.consumerClosed(this);
    }

    /** Closes without deregistering from the session (the session is closing all of them). */
    void closeFromSession() throws JMSException {
        if (closed) return;
        closed = true;
        Waiter w = receiving;
        if (w != null) w.wake();
        if (listener != null) {
            session.connection().dispatcher().signals().unregister(feed.queue(), session.listenerWaiter());
            // A listener running on another thread finishes first (JMS: close blocks until it returns).
            session.awaitListenerIdle();
        }
        if (subscription == null) {
            session.connection().dispatcher().leave(feed, selector.matchesAll() ? null : selector.text(), this);
        } else {
            session.connection().dispatcher().leave(feed, null, this);
            session.store().unsubscribeConsumer(subscription, consumerId);
        }
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        if (!(destination instanceof Topic t)) throw new IllegalStateException("This consumer reads a queue, not a topic");
        return t;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return noLocal;
    }

    @Override
    public String toString() {
        return "RowMessageConsumer[" + destination + (selector.matchesAll() ? "" : ", selector " + selector.text()) + "]";
    }
}
