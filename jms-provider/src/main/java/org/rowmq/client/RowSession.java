package org.rowmq.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import org.rowmq.dispatch.DeliveryLoop;
import org.rowmq.dispatch.QueueFeed;
import org.rowmq.dispatch.Waiter;
import org.rowmq.message.DestinationNames;
import org.rowmq.message.RowBytesMessage;
import org.rowmq.message.RowDestination;
import org.rowmq.message.RowMapMessage;
import org.rowmq.message.RowMessage;
import org.rowmq.message.RowPlainMessage;
import org.rowmq.message.RowObjectMessage;
import org.rowmq.message.RowQueue;
import org.rowmq.message.RowStreamMessage;
import org.rowmq.message.RowTextMessage;
import org.rowmq.message.RowTopic;
import org.rowmq.store.MessageStore;
import org.rowmq.security.Operation;
import org.rowmq.store.OutgoingMessage;
import org.rowmq.store.StoredMessage;
import org.rowmq.store.SubscriptionSpec;
import org.rowmq.store.WriteOrder;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A JMS session: the unit of ordering, acknowledgement and transaction. It keeps the JMS state rules (open or closed,
 * which thread may call what, the domain of a QueueSession or TopicSession) and its producers, consumers and listener
 * thread; what its acknowledge mode or transaction does with sends and deliveries, and what that costs per message,
 * is its {@link TransactionStrategy}.
 */
public class RowSession implements QueueSession, TopicSession {
    /** Which API created the session: a QueueSession refuses topic-only methods, a TopicSession queue-only ones. */
    enum Domain { ANY, QUEUE, TOPIC }

    private final RowConnection connection;
    private final TransactionStrategy transaction;
    private Domain domain = Domain.ANY;
    /** See {@link #intervalBound()}. */
    private static final int MAX_INTERVAL = 100;
    private final List<RowMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<RowMessageProducer> producers = new CopyOnWriteArrayList<>();
    private final List<RowQueueBrowser> browsers = new CopyOnWriteArrayList<>();
    private final UnconfirmedSends unconfirmedSends;
    /** Keeps this session's writes in call order in the store's group commit, beside other sessions' in parallel. */
    private final WriteOrder writeOrder;

    /** Held while a listener runs, so stop() and close() can wait for it. */
    private final ReentrantLock deliveryLock = new ReentrantLock();
    private final Waiter listenerWaiter = new Waiter();
    private volatile Thread listenerThread;
    private volatile Thread completionThread;
    private ExecutorService completions;
    private boolean recoverRequested;
    /** The consumer whose message this session delivered last (see {@link #nextToMark()}). */
    private volatile RowMessageConsumer lastDelivering;
    private boolean reportedFailure;
    private volatile boolean closed;

    /** A session of one of the four JMS modes (the argument checked by the connection). */
    RowSession(RowConnection connection, int mode) {
        this(connection, session -> switch (mode) {
            case AUTO_ACKNOWLEDGE -> new AutoAcknowledge(session);
            case DUPS_OK_ACKNOWLEDGE -> new DupsOkAcknowledge(session);
            case CLIENT_ACKNOWLEDGE -> new ClientAcknowledge(session);
            case SESSION_TRANSACTED -> new LocalTransaction(session);
            default -> throw new IllegalArgumentException("Invalid session mode " + mode);
        });
    }

    /** A session whose transaction is elsewhere (an XA branch, the application's JDBC connection). */
    RowSession(RowConnection connection, Function<RowSession, TransactionStrategy> strategy) {
        this.connection = connection;
        this.unconfirmedSends = new UnconfirmedSends(connection);
        this.writeOrder = connection.store().writeOrder();
        this.transaction = strategy.apply(this);
    }

    UnconfirmedSends unconfirmedSends() {
        return unconfirmedSends;
    }

    RowConnection connection() {
        return connection;
    }

    void restrictTo(Domain domain) {
        this.domain = domain;
    }

    /** JMS 1.1 domains: the javadoc of QueueSession and TopicSession names IllegalStateException for these. */
    private void checkDomain(Domain required, String method) throws IllegalStateException {
        if (domain != Domain.ANY && domain != required)
            throw new IllegalStateException(method + " is not available on a " + (domain == Domain.QUEUE ? "QueueSession"
                    : "TopicSession") + "; use a " + (required == Domain.QUEUE ? "QueueSession" : "TopicSession")
                    + " or a plain Session");
    }

    MessageStore store() {
        return connection.store();
    }

    /** This session's place in the store's group commit: pass it to every write, so they keep their order. */
    WriteOrder writeOrder() {
        return writeOrder;
    }

    void checkOpen() throws IllegalStateException {
        if (closed) throw Failures.closed("session");
        connection.checkOpen();
    }

    boolean isClosed() {
        return closed;
    }

    boolean isCallbackThread() {
        return isListenerThread() || isCompletionThread();
    }

    boolean isListenerThread() {
        return Thread.currentThread() == listenerThread;
    }

    /** True inside one of this session's CompletionListener callbacks. */
    boolean isCompletionThread() {
        return Thread.currentThread() == completionThread;
    }

    private void checkNotInCompletionListener(String operation) throws IllegalStateException {
        if (isCompletionThread())
            throw new IllegalStateException("A CompletionListener must not call " + operation + " on its own session "
                    + "(JMS 2.0, 7.3.8)");
    }

    boolean hasConsumerOn(RowDestination d) {
        for (RowMessageConsumer c : consumers) if (c.destination().equals(d)) return true;
        return false;
    }

    // ---------------------------------------------------------------- messages

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new RowBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new RowMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new RowPlainMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        return new RowObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkOpen();
        RowObjectMessage m = new RowObjectMessage();
        m.setObject(object);
        return m;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new RowStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new RowTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkOpen();
        RowTextMessage m = new RowTextMessage();
        m.setText(text);
        return m;
    }

    // ---------------------------------------------------------------- destinations, producers, consumers

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, "createQueue");
        return new RowQueue(queueName);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, "createTemporaryQueue");
        return connection.createTemporaryQueue();
    }

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        connection.freezeClientId();
        RowDestination d = destination == null ? null : DestinationNames.toRow(destination);
        RowMessageProducer p = new RowMessageProducer(this, d);
        producers.add(p);
        return p;
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return createConsumer(destination, messageSelector, false);
    }

    /** noLocal only means something for topics; on a queue the specification lets it be ignored. */
    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        connection.freezeClientId();
        if (destination == null) throw new InvalidDestinationException("The destination must not be null");
        RowDestination d = DestinationNames.toRow(destination);
        if (!d.isQueue()) return topicConsumer(authorized(Operation.CONSUME, subscribable((Topic) d)), messageSelector, noLocal);
        return register(new RowMessageConsumer(this, authorized(Operation.CONSUME, consumable(d)), messageSelector));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return (QueueReceiver) createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return (QueueReceiver) createConsumer(queue, messageSelector);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        checkOpen();
        checkDomain(Domain.QUEUE, "createBrowser");
        if (queue == null) throw new InvalidDestinationException("The queue must not be null");
        RowDestination d = authorized(Operation.BROWSE, consumable(DestinationNames.toRow(queue)));
        RowQueueBrowser b = new RowQueueBrowser(this, d, messageSelector);
        browsers.add(b);
        return b;
    }

    /** A queue this session may read: a temporary one only if this connection created it. */
    private RowDestination consumable(RowDestination d) throws JMSException {
        if (!d.isQueue()) throw new InvalidDestinationException("'" + d.name() + "' is a topic, not a queue");
        if (d.isTemporary() && !connection.ownsTemporary(d))
            throw new InvalidDestinationException("Temporary destination '" + d.name()
                    + "' can only be consumed by the connection that created it (or it was deleted)");
        return d;
    }

    // ---------------------------------------------------------------- publish/subscribe

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createTopic");
        return new RowTopic(topicName);
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createTemporaryTopic");
        return connection.createTemporaryTopic();
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return (TopicSubscriber) createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        return (TopicSubscriber) createConsumer(topic, messageSelector, noLocal);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    /** A non-durable, unshared subscription that lives as long as the consumer. */
    private RowMessageConsumer topicConsumer(RowDestination topic, String selector, boolean noLocal) throws JMSException {
        String local = noLocal ? connection.connectionId() : null;
        return register(new RowMessageConsumer(this, topic, new SubscriptionSpec(topic.name(), null,
                connection.clientIdOrNull(), false, false, emptyToNull(selector), local), noLocal));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createDurableSubscriber");
        return (TopicSubscriber) createDurableConsumer(topic, name, messageSelector, noLocal);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableConsumer(topic, name, null, false);
    }

    /** An unshared durable subscription: needs a client ID; noLocal skips messages published under that client ID. */
    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createDurableConsumer");
        RowDestination t = durablyConsumable(subscribable(topic));
        String subscription = subscriptionName(name);
        String clientId = connection.clientIdOrNull();
        if (clientId == null)
            throw new IllegalStateException("An unshared durable subscription needs a client ID: set one on the "
                    + "connection (setClientID) or on the connection factory before creating '" + subscription + "'");
        return register(new RowMessageConsumer(this, t, new SubscriptionSpec(t.name(), subscription, clientId, true,
                false, emptyToNull(messageSelector), noLocal ? clientId : null), noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return createSharedConsumer(topic, sharedSubscriptionName, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createSharedConsumer");
        RowDestination t = authorized(Operation.CONSUME, subscribable(topic));
        String subscription = subscriptionName(sharedSubscriptionName);
        return register(new RowMessageConsumer(this, t, new SubscriptionSpec(t.name(), subscription,
                connection.clientIdOrNull(), false, true, emptyToNull(messageSelector), null), false));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "createSharedDurableConsumer");
        RowDestination t = durablyConsumable(subscribable(topic));
        String subscription = subscriptionName(name);
        return register(new RowMessageConsumer(this, t, new SubscriptionSpec(t.name(), subscription,
                connection.clientIdOrNull(), true, true, emptyToNull(messageSelector), null), false));
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        checkDomain(Domain.TOPIC, "unsubscribe");
        connection.freezeClientId();
        store().unsubscribe(connection.clientIdOrNull(), subscriptionName(name),
                topic -> connection.authorize(Operation.DELETE_DURABLE_SUBSCRIPTION, topic));
    }

    /** The destination, once the connection's user may do {@code op} on it (else JMSSecurityException). */
    private RowDestination authorized(Operation op, RowDestination d) throws JMSException {
        connection.authorize(op, d);
        return d;
    }

    /** Creating a durable subscription, or attaching to one, needs both permissions on its topic. */
    private RowDestination durablyConsumable(RowDestination topic) throws JMSException {
        connection.authorize(Operation.CREATE_DURABLE_SUBSCRIPTION, topic);
        return authorized(Operation.CONSUME, topic);
    }

    /** Before a send writes anything: refused (JMSSecurityException) when the user may not send there. */
    void authorizeSend(RowDestination to) throws JMSException {
        connection.authorize(Operation.SEND, to);
    }

    private RowDestination subscribable(Topic topic) throws JMSException {
        if (topic == null) throw new InvalidDestinationException("The topic must not be null");
        RowDestination d = DestinationNames.toRow(topic);
        if (d.isQueue()) throw new InvalidDestinationException("'" + d.name() + "' is a queue; subscriptions are for topics");
        if (d.isTemporary() && !connection.ownsTemporary(d))
            throw new InvalidDestinationException("Temporary topic '" + d.name()
                    + "' can only be consumed by the connection that created it (or it was deleted)");
        return d;
    }

    private static String subscriptionName(String name) throws JMSException {
        if (name == null || name.isEmpty())
            throw new InvalidDestinationException("A subscription name must not be null or empty");
        if (name.length() > 255)
            throw new JMSException("A subscription name may have at most 255 characters; this one has " + name.length());
        return name;
    }

    private static String emptyToNull(String selector) {
        return selector == null || selector.isBlank() ? null : selector;
    }

    private RowMessageConsumer register(RowMessageConsumer c) {
        consumers.add(c);
        return c;
    }

    void consumerClosed(RowMessageConsumer c) {
        consumers.remove(c);
    }

    /** Open producers of this session (a context's JMSProducers share one). */
    int producerCount() {
        return producers.size();
    }

    void producerClosed(RowMessageProducer p) {
        producers.remove(p);
    }

    void browserClosed(RowQueueBrowser b) {
        browsers.remove(b);
    }

    // ---------------------------------------------------------------- sending

    /** Called by producers: written now (shared commit), or kept for the transaction, as the strategy says. */
    CompletableFuture<Void> send(OutgoingMessage message) throws JMSException {
        return transaction.send(message);
    }

    /** Runs a CompletionListener callback on the session's callback thread, in send order. */
    synchronized void completion(Runnable callback) {
        if (completions == null) {
            completions = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "rowmq-completion");
                t.setDaemon(true);
                return t;
            });
        }
        completions.execute(() -> {
            completionThread = Thread.currentThread();
            try {
                callback.run();
            } finally {
                completionThread = null;
            }
        });
    }

    // ---------------------------------------------------------------- delivery

    /**
     * Turns a claimed row into the message handed to the application and records it for acknowledgement. Returns
     * null when it expired while it waited in the prefetch buffer (it is then discarded).
     */
    RowMessage prepareDelivery(RowMessageConsumer consumer, StoredMessage stored) throws JMSException {
        lastDelivering = consumer;
        boolean markedAhead = consumer.takeMark(stored.id());
        // Expiry on the database's clock, like the claim's: JMSExpiration is on the sender's clock, this JVM's may differ.
        if (store().expired(stored)) {
            store().acknowledge(writeOrder, List.of(stored.id()));
            return null;
        }
        RowMessage m = org.rowmq.message.MessageCodec.decode(stored.payload());
        if (stored.originalDestination() != null) {
            m.setProviderProperty("JMS_RowMQ_OriginalDestination", stored.originalDestination());
            m.setProviderProperty("JMS_RowMQ_DeadLetterReason", stored.deadLetterReason());
        }
        if (transaction.marksDeliveries() && !markedAhead) markDelivered(consumer, stored.id());
        m.markDelivered(stored.deliveryCount() + 1);
        transaction.delivering(m, stored.id());
        store().countDelivery(stored);
        return m;
    }

    /**
     * For a commit or an acknowledgement that ends an interval in which the application consumed {@code consumed}
     * messages: as many buffered messages of the consumer that delivered last (the one this session most likely
     * delivers next), bounded by the prefetch, to be marked delivered in that commit's own database transaction, so
     * the next interval of the same size waits for no mark of its own (adaptive marks ahead). A crash before they are
     * delivered has them come back flagged redelivered: at most one interval's worth per session (and at most
     * {@link #intervalBound()}).
     * Null when nothing unmarked is buffered for that consumer.
     */
    NextMark nextToMark(int consumed) {
        RowMessageConsumer c = lastDelivering;
        int n = Math.min(consumed, intervalBound());
        if (n <= 0 || c == null || c.isClosed()) return null;
        QueueFeed.Ahead ahead = c.unmarked(n);
        return ahead.ids().isEmpty() ? null : new NextMark(c, ahead);
    }

    /**
     * The most messages an interval between commits or acknowledgements may mark ahead or claim at once: 100, or the
     * prefetch when larger.
     */
    int intervalBound() {
        return Math.max(MAX_INTERVAL, connection.prefetch());
    }

    /**
     * For a claim this session's consumer makes on a prefetch buffer {@code sharing} local consumers use: each is taken
     * to consume an interval like this session's ({@link TransactionStrategy#claimWanted()}), so that one claim serves
     * an interval of each and their marks ahead find the messages they cover still buffered; bounded by
     * {@link #intervalBound()}.
     */
    int claimWanted(int sharing) {
        return (int) Math.min((long) transaction.claimWanted() * Math.max(1, sharing), intervalBound());
    }

    /**
     * How many of the first messages a claim made for this session's consumer marks delivered in its own statement
     * ({@link TransactionStrategy#claimMarks()}): the interval of each local consumer sharing the prefetch
     * ({@link #claimWanted(int)}), which is what their marks ahead would cover anyway, or, before the session has an
     * interval, the one message handed to the waiting receive. So a crash flags no more unseen messages redelivered
     * than marks ahead do; the rest of a larger claim stays unmarked.
     */
    int claimMarks(int sharing) {
        return transaction.claimMarks() ? Math.max(1, claimWanted(sharing)) : 0;
    }

    /** Marks written ahead for a consumer's next messages; {@link #finished} once their unit ended, either way. */
    record NextMark(RowMessageConsumer consumer, QueueFeed.Ahead ahead) {
        List<Long> ids() {
            return ahead.ids();
        }

        void finished(boolean written) {
            consumer.markedAhead(ahead, written);
        }
    }

    /**
     * Writes the delivery mark of a message before the application sees it, with the acknowledgements the session
     * kept for it (see {@link KeptAcknowledgement}) and the marks the mode writes ahead for the consumer's next
     * buffered messages. Cost: 1 id in a group's UPDATE (and the kept ids in its DELETE, the ahead ids in one more
     * UPDATE), 1/n of its commit, and the wait for that commit. If the mark fails the message is not delivered: it
     * goes back to its queue untouched when this node still holds it (a node presumed dead meanwhile holds it no longer).
     */
    private void markDelivered(RowMessageConsumer consumer, long id) throws JMSException {
        int n = Math.min(transaction.marksAhead(), intervalBound() - 1);
        QueueFeed.Ahead ahead = n > 0 ? consumer.unmarked(n) : null;
        boolean written = false;
        try {
            await(store().markDelivered(writeOrder, List.of(id), ahead == null ? List.of() : ahead.ids(),
                    transaction.takeKeptAcknowledgements()), "recording the delivery of a message");
            written = true;
        } catch (JMSException e) {
            try {
                store().release(List.of(id), false);
            } catch (JMSException releaseFailure) {
                e.addSuppressed(releaseFailure);
            }
            throw e;
        } finally {
            if (ahead != null) consumer.markedAhead(ahead, written);
        }
    }

    /** After the application got a message from receive() or its listener returned. */
    void delivered(long id) throws JMSException {
        transaction.delivered(id);
    }

    /** Whether a message the application did not consume (listener threw, body not convertible) comes again. */
    boolean redeliversUnconsumed() {
        return transaction.redeliversUnconsumed();
    }

    /** JMSContext.acknowledge(): acknowledges what this session delivered (CLIENT_ACKNOWLEDGE; else nothing). */
    void acknowledge() throws JMSException {
        checkOpen();
        transaction.acknowledge();
    }

    /** Hands one message to a consumer's listener, with the acknowledge mode's rules around it. */
    void deliverToListener(RowMessageConsumer consumer, MessageListener listener, StoredMessage stored)
            throws JMSException {
        deliveryLock.lock();
        try {
            if (closed || !connection.isStarted() || consumer.isClosed()) {
                consumer.putBack(stored);
                return;
            }
            RowMessage m = prepareDelivery(consumer, stored);
            if (m == null) return;
            boolean threw = false;
            synchronized (this) {
                recoverRequested = false;
            }
            try {
                listener.onMessage(m);
            } catch (RuntimeException e) {
                // JMS 2.0, 8.7: under AUTO and DUPS_OK the message is redelivered; otherwise the next one comes.
                threw = true;
            }
            boolean redeliver;
            synchronized (this) {
                redeliver = recoverRequested;
                recoverRequested = false;
            }
            if ((threw || redeliver) && transaction.redeliversUnconsumed()) {
                redeliver(List.of(stored.id()));
            } else {
                delivered(stored.id());
            }
        } finally {
            deliveryLock.unlock();
        }
    }

    /** Returns delivered messages for redelivery, and this session's prefetch so they come back first, in order. */
    void redeliver(List<Long> ids) throws JMSException {
        if (ids.isEmpty()) return;
        store().release(ids, true);
        for (RowMessageConsumer c : consumers) c.returnPrefetched();
    }

    void listenerChanged() {
        synchronized (this) {
            if (listenerThread == null && !closed) {
                Thread t = new Thread(new DeliveryLoop(new ListenerTarget(), listenerWaiter,
                        connection.dispatcher().notified()), "rowmq-listener");
                t.setDaemon(true);
                listenerThread = t;
                connection.addWaiter(listenerWaiter);
                t.start();
            }
        }
        listenerWaiter.wake();
    }

    Waiter listenerWaiter() {
        return listenerWaiter;
    }

    /** Blocks until no listener of this session is running (Connection.stop). */
    void awaitListenerIdle() {
        if (Thread.currentThread() == listenerThread) return;
        deliveryLock.lock();
        try {
            // A stopped connection delivers nothing more: acknowledgements kept for the next delivery go now.
            transaction.idle();
        } finally {
            deliveryLock.unlock();
        }
    }

    private final class ListenerTarget implements DeliveryLoop.Target {
        private int next;

        @Override
        public boolean open() {
            return !closed && !connection.isClosed();
        }

        @Override
        public boolean active() {
            if (!connection.isStarted()) return false;
            for (RowMessageConsumer c : consumers) if (c.listener() != null) return true;
            return false;
        }

        /** Round-robin over the listeners, so a busy queue does not starve the others. */
        @Override
        public boolean deliverOne() throws Exception {
            int n = consumers.size();
            for (int i = 0; i < n; i++) {
                RowMessageConsumer c;
                try {
                    c = consumers.get((next + i) % n);
                } catch (IndexOutOfBoundsException e) {
                    return false; // a consumer closed meanwhile; look again next round
                }
                MessageListener l = c.listener();
                if (l == null || c.isClosed()) continue;
                StoredMessage m = c.poll();
                if (m != null) {
                    next = (next + i + 1) % Math.max(1, n);
                    deliverToListener(c, l, m);
                    reportedFailure = false;
                    return true;
                }
            }
            transaction.idle();
            return false;
        }

        @Override
        public void failed(Exception e) {
            // One report per outage, not one per retry.
            if (reportedFailure) return;
            reportedFailure = true;
            connection.report(e instanceof JMSException j ? j : Failures.unwrap(e));
        }
    }

    // ---------------------------------------------------------------- acknowledgement and transactions

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return transaction.transacted();
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return transaction.acknowledgeMode();
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        checkNotInCompletionListener("commit");
        transaction.commit();
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        checkNotInCompletionListener("rollback");
        transaction.rollback();
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        transaction.recover();
        // Inside onMessage under AUTO/DUPS_OK, the message being delivered is the one to redeliver.
        if (isListenerThread()) {
            synchronized (this) {
                recoverRequested = true;
            }
        }
    }

    // ---------------------------------------------------------------- the optional application server facility

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return null;
    }

    /**
     * Clearing the (absent) session listener is accepted: connection pools such as pooled-jms reset every session
     * this way when it returns to the pool, and discard the session if it throws.
     */
    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        if (listener == null) return;
        throw new JMSException("Session-level message listeners (the optional application server facility) are not "
                + "provided by RowMQ; set a listener on a MessageConsumer instead");
    }

    @Override
    public void run() {
        // Part of the optional application server facility: with no session listener there is nothing to run.
    }

    // ---------------------------------------------------------------- close

    @Override
    public void close() throws JMSException {
        if (closed) return;
        if (isCallbackThread())
            throw new IllegalStateException("A MessageListener or CompletionListener must not close its own session "
                    + "(it would deadlock waiting for itself)");
        closed = true;
        listenerWaiter.wake();
        JMSException failure = null;
        deliveryLock.lock();
        try {
            for (RowMessageConsumer c : consumers) {
                try {
                    c.closeFromSession();
                } catch (JMSException e) {
                    if (failure == null) failure = e;
                }
            }
            producers.forEach(RowMessageProducer::closeFromSession);
            browsers.forEach(RowQueueBrowser::closeFromSession);
            try {
                unconfirmedSends.awaitAll();
                transaction.close();
            } catch (JMSException e) {
                if (failure == null) failure = e;
            }
        } finally {
            deliveryLock.unlock();
        }
        ExecutorService c;
        synchronized (this) {
            c = completions;
        }
        if (c != null) {
            c.shutdown(); // pending CompletionListener calls still run; nothing new is accepted
            try {
                c.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connection.removeWaiter(listenerWaiter);
        connection.sessionClosed(this);
        if (failure != null) throw failure;
    }

    static void await(CompletableFuture<Void> future, String what) throws JMSException {
        try {
            future.get();
        } catch (InterruptedException e) {
            throw Failures.interrupted(what);
        } catch (java.util.concurrent.ExecutionException e) {
            throw Failures.unwrap(e);
        }
    }
}
