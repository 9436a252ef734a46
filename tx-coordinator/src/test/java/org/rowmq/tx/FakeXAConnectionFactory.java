package org.rowmq.tx;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.XADataSource;

import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;

/**
 * Stands in for RowMQ's XAConnectionFactory until it exists: each XAJMSContext is backed by an XA connection to an
 * H2 database, so a test can see whether the "messaging" branch committed by looking at that database. Only what
 * tx-coordinator uses (getXAResource, getContext, close) is implemented.
 */
final class FakeXAConnectionFactory implements XAConnectionFactory {

    private final XADataSource backingStore;
    /** Counted per creating thread: the recovery thread opens contexts of its own at every scan. */
    private final Map<Thread, AtomicInteger> openContexts = new ConcurrentHashMap<>();
    private final ThreadLocal<Connection> lastConnection = new ThreadLocal<>();
    private final AtomicInteger contextsCreated = new AtomicInteger();

    FakeXAConnectionFactory(XADataSource backingStore) {
        this.backingStore = backingStore;
    }

    /** The backing connection of the context this thread created last, to write the branch's "messages" through. */
    Connection lastConnection() {
        return lastConnection.get();
    }

    int openContextsCreatedBy(Thread thread) {
        AtomicInteger count = openContexts.get(thread);
        return count == null ? 0 : count.get();
    }

    int contextsCreated() {
        return contextsCreated.get();
    }

    int openContextsOfAllThreads() {
        return openContexts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public XAJMSContext createXAContext() {
        try {
            javax.sql.XAConnection xaConnection = backingStore.getXAConnection();
            lastConnection.set(xaConnection.getConnection());
            contextsCreated.incrementAndGet();
            AtomicInteger count = openContexts.computeIfAbsent(Thread.currentThread(), t -> new AtomicInteger());
            count.incrementAndGet();
            return contextOver(xaConnection, count);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private XAJMSContext contextOver(javax.sql.XAConnection xaConnection, AtomicInteger openCount) {
        Object[] self = new Object[1];
        self[0] = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {XAJMSContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getXAResource" -> xaConnection.getXAResource();
                    case "getContext" -> self[0];
                    case "close" -> {
                        xaConnection.close();
                        openCount.decrementAndGet();
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "FakeXAJMSContext";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (XAJMSContext) self[0];
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        return createXAContext();
    }

    @Override
    public XAConnection createXAConnection() {
        throw new UnsupportedOperationException("tx-coordinator uses XAJMSContext");
    }

    @Override
    public XAConnection createXAConnection(String userName, String password) {
        throw new UnsupportedOperationException("tx-coordinator uses XAJMSContext");
    }
}
