package org.rowmq.store;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;

import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/** One caller's reference to a shared store: closing it releases only this reference, once. */
final class StoreReference implements MessageStore {

    private final JdbcMessageStore store;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    StoreReference(JdbcMessageStore store, Runnable release) {
        this.store = store;
        this.release = release;
    }

    /** The shared store behind this reference (tests reach package-level operations through it). */
    JdbcMessageStore store() {
        return store;
    }

    private void checkOpen() throws JMSException {
        if (closed.get()) throw new IllegalStateException("this reference to the RowMQ store is closed");
    }

    @Override
    public String nodeId() {
        return store.nodeId();
    }

    @Override
    public CompletableFuture<Void> send(List<OutgoingMessage> messages) {
        if (closed.get()) return CompletableFuture.failedFuture(new IllegalStateException("this reference to the RowMQ store is closed"));
        return store.send(messages);
    }

    @Override
    public CompletableFuture<Void> acknowledge(Collection<Long> ids) {
        if (closed.get()) return CompletableFuture.failedFuture(new IllegalStateException("this reference to the RowMQ store is closed"));
        return store.acknowledge(ids);
    }

    @Override
    public void commit(List<OutgoingMessage> sends, Collection<Long> acknowledgedIds) throws JMSException {
        checkOpen();
        store.commit(sends, acknowledgedIds);
    }

    @Override
    public void write(Connection connection, List<OutgoingMessage> sends, Collection<Long> acknowledgedIds) throws JMSException {
        checkOpen();
        store.write(connection, sends, acknowledgedIds);
    }

    @Override
    public void checkApplicationConnection(Connection connection) throws JMSException {
        checkOpen();
        store.checkApplicationConnection(connection);
    }

    @Override
    public void announceAtCommit(Connection connection, Collection<String> destinations) throws JMSException {
        checkOpen();
        store.announceAtCommit(connection, destinations);
    }

    @Override
    public Set<Long> settle(Collection<Long> ids) throws JMSException {
        checkOpen();
        return store.settle(ids);
    }

    @Override
    public List<StoredMessage> claim(String queue, int max, Predicate<StoredMessage> filter) throws JMSException {
        checkOpen();
        return store.claim(queue, max, filter);
    }

    @Override
    public void release(Collection<Long> ids, boolean delivered) throws JMSException {
        checkOpen();
        store.release(ids, delivered);
    }

    @Override
    public List<StoredMessage> browse(String queue, BrowsePosition after, int max) throws JMSException {
        checkOpen();
        return store.browse(queue, after, max);
    }

    @Override
    public DestinationSettings settings(String destination) throws JMSException {
        checkOpen();
        return store.settings(destination);
    }

    @Override
    public void configure(String destination, DestinationSettings settings) throws JMSException {
        checkOpen();
        store.configure(destination, settings);
    }

    @Override
    public void createTemporary(String name) throws JMSException {
        checkOpen();
        store.createTemporary(name);
    }

    @Override
    public void deleteTemporary(String name) throws JMSException {
        checkOpen();
        store.deleteTemporary(name);
    }

    @Override
    public long depth(String destination) throws JMSException {
        checkOpen();
        return store.depth(destination);
    }

    @Override
    public void setArrivalListener(ArrivalListener listener) {
        store.setArrivalListener(listener);
    }

    @Override
    public void announce(Collection<String> destinations) {
        store.announce(destinations);
    }

    @Override
    public boolean notifiesArrivals() {
        return store.notifiesArrivals();
    }

    @Override
    public XABranchStore xaBranches() {
        return store.xaBranches();
    }

    @Override
    public StoreStats stats() {
        return store.stats();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) release.run();
    }

    @Override
    public Subscription subscribe(SubscriptionSpec spec, String consumerId) throws JMSException {
        checkOpen();
        return store.subscribe(spec, consumerId);
    }

    @Override
    public void unsubscribeConsumer(Subscription subscription, String consumerId) throws JMSException {
        checkOpen();
        store.unsubscribeConsumer(subscription, consumerId);
    }

    @Override
    public void unsubscribe(String clientId, String name) throws JMSException {
        checkOpen();
        store.unsubscribe(clientId, name);
    }

    @Override
    public void claimClientId(String clientId, String connectionId) throws JMSException {
        checkOpen();
        store.claimClientId(clientId, connectionId);
    }

    @Override
    public void releaseClientId(String clientId, String connectionId) throws JMSException {
        checkOpen();
        store.releaseClientId(clientId, connectionId);
    }

    @Override
    public boolean hasSubscribers(String topic) throws JMSException {
        checkOpen();
        return store.hasSubscribers(topic);
    }

    @Override
    public void setSubscriptionMatcher(SubscriptionMatcher matcher) {
        store.setSubscriptionMatcher(matcher);
    }
}
