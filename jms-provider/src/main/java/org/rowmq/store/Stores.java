package org.rowmq.store;

import jakarta.jms.JMSException;

import java.util.HashMap;
import java.util.Map;

/**
 * Opens message stores. One store serves each distinct configuration in a JVM (one pool, one group committer, one
 * node), shared by every caller that opens it: each {@link #open} returns its own reference, and closing the last
 * reference shuts the store down after committing pending work.
 */
public final class Stores {

    private static final class Shared {
        final JdbcMessageStore store;
        int references;

        Shared(JdbcMessageStore store) {
            this.store = store;
        }
    }

    private static final Map<StoreConfig, Shared> OPEN = new HashMap<>();

    private Stores() {
    }

    /** The store for this configuration, opened (tables created or upgraded, node registered) on first use. */
    public static MessageStore open(StoreConfig config) throws JMSException {
        synchronized (OPEN) {
            Shared shared = OPEN.get(config);
            if (shared == null) {
                shared = new Shared(new JdbcMessageStore(config));
                OPEN.put(config, shared);
            }
            shared.references++;
            return new StoreReference(shared.store, () -> release(config));
        }
    }

    private static void release(StoreConfig config) {
        JdbcMessageStore last = null;
        synchronized (OPEN) {
            Shared shared = OPEN.get(config);
            if (shared != null && --shared.references == 0) {
                OPEN.remove(config);
                last = shared.store;
            }
        }
        // Outside the lock: shutting down flushes the committer and may take a while.
        if (last != null) last.close();
    }
}
