package org.rowmq.client;

import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.rowmq.dispatch.Dispatcher;
import org.rowmq.dispatch.Waiter;
import org.rowmq.message.RowDestination;
import org.rowmq.message.RowTemporaryQueue;
import org.rowmq.message.RowTemporaryTopic;
import org.rowmq.message.TemporaryDestinationOwner;
import org.rowmq.security.Access;
import org.rowmq.security.Operation;
import org.rowmq.store.MessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JMS connection: a logical one, since the store's pool is shared by every connection of the JVM. It holds the
 * start/stop state that gates delivery, its sessions, its temporary destinations, and its ExceptionListener.
 */
public class RowConnection implements QueueConnection, TopicConnection, TemporaryDestinationOwner {
    private static final Logger LOG = LoggerFactory.getLogger(RowConnection.class);

    private final RowConnectionFactory factory;
    private final Dispatcher dispatcher;
    private final List<RowSession> sessions = new CopyOnWriteArrayList<>();
    private final Set<RowDestination> temporaries = ConcurrentHashMap.newKeySet();
    /** Threads blocked in receive or in a listener loop, woken on start and close. */
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
    private final Object stateLock = new Object();
    private volatile boolean started;
    private volatile boolean closed;
    private volatile ExceptionListener exceptionListener;
    /** Identifies this connection to the store: client-ID ownership, and noLocal subscriptions. */
    private final String connectionId = UUID.randomUUID().toString();
    private String clientId;
    /** True when the application set the client ID, so this connection holds its claim in the store. */
    private boolean ownsClientIdClaim;
    private boolean clientIdFrozen;
    /** Who this connection authenticated as, and what that user may do. */
    private final Access access;

    /**
     * @param adminClientId the factory's configured client ID, or null; such an ID cannot be changed (JMS 6.1.2)
     */
    RowConnection(RowConnectionFactory factory, Dispatcher dispatcher, String adminClientId, Access access) {
        this.access = access;
        this.factory = factory;
        this.dispatcher = dispatcher;
        this.clientId = adminClientId;
        this.clientIdFrozen = adminClientId != null;
    }

    String connectionId() {
        return connectionId;
    }

    /** The client ID without state checks, for subscriptions and noLocal; null when none. */
    String clientIdOrNull() {
        synchronized (stateLock) {
            return clientId;
        }
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    MessageStore store() {
        return dispatcher.store();
    }

    int prefetch() {
        return factory.getPrefetch();
    }

    boolean isStarted() {
        return started && !closed;
    }

    boolean isClosed() {
        return closed;
    }

    void checkOpen() throws IllegalStateException {
        if (closed) throw Failures.closed("connection");
    }

    /** Any use of the connection fixes its client ID (JMS: it may only be set before anything else is done). */
    void freezeClientId() {
        synchronized (stateLock) {
            clientIdFrozen = true;
        }
    }

    void addWaiter(Waiter w) {
        waiters.add(w);
    }

    void removeWaiter(Waiter w) {
        waiters.remove(w);
    }

    /** Tells the application about a failure it cannot see otherwise (asynchronous delivery, database outage). */
    void report(JMSException e) {
        ExceptionListener listener = exceptionListener;
        if (listener == null) {
            LOG.warn("RowMQ connection failure with no ExceptionListener set: {}", e.getMessage());
            return;
        }
        try {
            listener.onException(e);
        } catch (RuntimeException ex) {
            LOG.warn("The application's ExceptionListener threw", ex);
        }
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        checkOpen();
        freezeClientId();
        int mode = transacted ? Session.SESSION_TRANSACTED : acknowledgeMode;
        if (!transacted && mode != Session.AUTO_ACKNOWLEDGE && mode != Session.CLIENT_ACKNOWLEDGE
                && mode != Session.DUPS_OK_ACKNOWLEDGE)
            throw new JMSException("Invalid acknowledge mode " + acknowledgeMode
                    + ": use AUTO_ACKNOWLEDGE (1), CLIENT_ACKNOWLEDGE (2), DUPS_OK_ACKNOWLEDGE (3) or a transacted session");
        return addSession(new RowSession(this, mode));
    }

    /** Adds a new session to this connection (XA connections add their XA sessions through it too). */
    <S extends RowSession> S addSession(S session) throws JMSException {
        sessions.add(session);
        if (closed) { // a close that raced with this creation
            session.close();
            throw Failures.closed("connection");
        }
        return session;
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        RowSession s = (RowSession) createSession(transacted, acknowledgeMode);
        s.restrictTo(RowSession.Domain.QUEUE);
        return s;
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        RowSession s = (RowSession) createSession(transacted, acknowledgeMode);
        s.restrictTo(RowSession.Domain.TOPIC);
        return s;
    }

    void sessionClosed(RowSession s) {
        sessions.remove(s);
    }

    @Override
    public String getClientID() throws JMSException {
        checkOpen();
        synchronized (stateLock) {
            return clientId;
        }
    }

    @Override
    public void setClientID(String id) throws JMSException {
        checkOpen();
        if (id == null || id.isEmpty())
            throw new InvalidClientIDException("A client ID must be a non-empty string");
        synchronized (stateLock) {
            if (clientId != null || clientIdFrozen)
                throw new IllegalStateException("The client ID can only be set once, before the connection is used"
                        + (clientId != null ? " (it is already '" + clientId + "')" : ""));
            store().claimClientId(id, connectionId);
            clientId = id;
            ownsClientIdClaim = true;
            clientIdFrozen = true;
        }
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        checkOpen();
        freezeClientId();
        return RowConnectionMetaData.INSTANCE;
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        checkOpen();
        freezeClientId();
        return exceptionListener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        checkOpen();
        freezeClientId();
        exceptionListener = listener;
    }

    @Override
    public void start() throws JMSException {
        checkOpen();
        freezeClientId();
        started = true;
        waiters.forEach(Waiter::wake);
    }

    /** Stops delivery; returns once every message listener of this connection has returned (JMS 2.0, 6.1.5). */
    @Override
    public void stop() throws JMSException {
        checkOpen();
        freezeClientId();
        // From a MessageListener this would wait for itself; a CompletionListener may stop delivery (JMS 2.0, 6.1.5).
        for (RowSession s : sessions)
            if (s.isListenerThread())
                throw new IllegalStateException("A MessageListener must not stop its own connection (it would deadlock"
                        + " waiting for itself)");
        started = false;
        for (RowSession s : sessions) s.awaitListenerIdle();
    }

    private void checkNotInOwnCallback(String operation) throws IllegalStateException {
        for (RowSession s : sessions)
            if (s.isCallbackThread())
                throw new IllegalStateException("A MessageListener or CompletionListener must not " + operation
                        + " its own connection (it would deadlock waiting for itself)");
    }

    @Override
    public void close() throws JMSException {
        if (closed) return;
        checkNotInOwnCallback("close");
        started = false;
        closed = true;
        waiters.forEach(Waiter::wake);
        JMSException first = null;
        for (RowSession s : sessions) {
            try {
                s.close();
            } catch (JMSException e) {
                if (first == null) first = e;
            }
        }
        for (RowDestination d : temporaries) {
            try {
                store().deleteTemporary(d.name());
            } catch (JMSException e) {
                // The lease reaper deletes it once this node is gone; nothing a caller could do now.
                LOG.warn("Could not delete temporary destination '{}': {}", d.name(), e.getMessage());
            }
        }
        temporaries.clear();
        try {
            releaseClientId();
        } catch (JMSException e) {
            // The claim dies with this node's lease; the ID is free again after the reaper ran.
            LOG.warn("Could not release client ID '{}': {}", clientId, e.getMessage());
        }
        if (first != null) throw first;
    }

    private void releaseClientId() throws JMSException {
        String id;
        boolean own;
        synchronized (stateLock) {
            id = clientId;
            own = ownsClientIdClaim;
            ownsClientIdClaim = false;
        }
        if (own) store().releaseClientId(id, connectionId);
        else if (id != null) factory.releaseAdminClientId();
    }

    /**
     * Refuses (JMSSecurityException) what the user may not do. The temporary destinations of this connection are
     * its own: it needs no permission to use them.
     */
    void authorize(Operation op, RowDestination d) throws JMSException {
        if (!ownsTemporary(d)) access.check(op, d.name());
    }

    /** The same for a destination known by its stored name. */
    void authorize(Operation op, String destination) throws JMSException {
        if (temporaries.stream().noneMatch(d -> d.name().equals(destination))) access.check(op, destination);
    }

    RowTemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        RowTemporaryQueue q = RowTemporaryQueue.create(this);
        access.check(Operation.CREATE_TEMPORARY, q.name());
        store().createTemporary(q.name());
        temporaries.add(q);
        return q;
    }

    RowTemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        RowTemporaryTopic t = RowTemporaryTopic.create(this);
        access.check(Operation.CREATE_TEMPORARY, t.name());
        store().createTemporary(t.name());
        temporaries.add(t);
        return t;
    }

    boolean ownsTemporary(RowDestination d) {
        return temporaries.contains(d);
    }

    /** TemporaryQueue.delete(): refused while a consumer of this connection still reads it. */
    @Override
    public void delete(RowDestination d) throws JMSException {
        checkOpen();
        if (!temporaries.contains(d))
            throw new JMSException("Temporary destination '" + d.name() + "' was created by another connection or is already deleted");
        for (RowSession s : sessions)
            if (s.hasConsumerOn(d))
                throw new IllegalStateException("Temporary destination '" + d.name() + "' still has an open consumer; close it first");
        store().deleteTemporary(d.name());
        temporaries.remove(d);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        checkOpen();
        throw new JMSException("Connection consumers (the optional application server facility) are not provided by "
                + "RowMQ; set a MessageListener on a MessageConsumer instead");
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return createConnectionConsumer((Destination) topic, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return createConnectionConsumer((Destination) queue, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
                                                             ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return createConnectionConsumer(topic, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
                                                              ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return createConnectionConsumer(topic, messageSelector, sessionPool, maxMessages);
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
                                                                    ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        return createConnectionConsumer(topic, messageSelector, sessionPool, maxMessages);
    }
}
