package org.rowmq.store;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One user's reference to the store of a configuration, from {@link Stores#open}: the store and the runtime this JVM
 * built on it are shared; closing the reference releases only this reference, once.
 */
public final class SharedStore implements AutoCloseable {
    private final Stores.Entry entry;
    private final AtomicBoolean closed = new AtomicBoolean();

    SharedStore(Stores.Entry entry) {
        this.entry = entry;
    }

    public MessageStore store() {
        return entry.store;
    }

    /**
     * The runtime this JVM shares on the store, built with {@code create} by the first user that asks; every other user
     * gets the same one, whatever it passes.
     */
    public <R extends StoreRuntime> R runtime(Class<R> type, Function<MessageStore, R> create) throws JMSException {
        if (closed.get()) throw new IllegalStateException("this reference to the RowMQ store is closed");
        return type.cast(entry.runtime(create));
    }

    /** The store itself, for tests and tools in this package (reaping, sweeping now). */
    JdbcMessageStore jdbc() {
        return entry.store;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) Stores.release(entry);
    }
}
