package org.rowmq.store;

import jakarta.jms.JMSException;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Opens message stores. One store serves each distinct configuration in a JVM (one pool, one group committer, one
 * node), and on it one {@link StoreRuntime} that this JVM's consumers share, so an arrival committed through any
 * user of the store wakes the consumers of every user. Each {@link #open} returns its own reference; closing the last
 * one closes the runtime, then shuts the store down after committing pending work.
 */
public final class Stores {

    /** A store and its users in this JVM. Guarded by {@link #OPEN}. */
    static final class Entry {
        final StoreConfig config;
        final JdbcMessageStore store;
        private StoreRuntime runtime;
        private int references;

        Entry(StoreConfig config, JdbcMessageStore store) {
            this.config = config;
            this.store = store;
        }

        StoreRuntime runtime(Function<MessageStore, ? extends StoreRuntime> create) {
            synchronized (OPEN) {
                if (runtime == null) runtime = create.apply(store);
                return runtime;
            }
        }
    }

    private static final Map<StoreConfig, Entry> OPEN = new HashMap<>();

    private Stores() {
    }

    /** A reference to the store for this configuration, opened (tables created or upgraded, node registered) on first use. */
    public static SharedStore open(StoreConfig config) throws JMSException {
        synchronized (OPEN) {
            Entry entry = OPEN.get(config);
            if (entry == null) {
                entry = new Entry(config, new JdbcMessageStore(config));
                OPEN.put(config, entry);
            }
            entry.references++;
            return new SharedStore(entry);
        }
    }

    static void release(Entry entry) {
        StoreRuntime runtime;
        synchronized (OPEN) {
            if (--entry.references > 0) return;
            OPEN.remove(entry.config, entry);
            runtime = entry.runtime;
        }
        // Outside the lock: shutting down flushes the committer and may take a while.
        if (runtime != null) runtime.close();
        entry.store.close();
    }
}
