package org.rowmq.store;

import java.util.List;

/**
 * What the store reports as it works, for monitoring. The store calls these hooks on its hot paths (the group
 * committer's thread, consumers' claims), so an implementation must be quick and must not block or throw. The store
 * records through {@link JmxStoreMetrics} unless the application passes a Micrometer registry
 * ({@link MicrometerStoreMetrics}); its parts all report to one {@link CurrentMetrics}, which forwards to whichever is
 * in use. Every hook defaults to doing nothing.
 */
public interface StoreMetrics {

    StoreMetrics NONE = new StoreMetrics() {
    };

    /** Messages stored (committed, or written into the application's own transaction). */
    default void sent(List<OutgoingMessage> messages) {
    }

    /**
     * A claim that reached the database: how many messages it took for this node and how long it took (a poll when
     * empty). Claimed is not delivered: prefetched messages may go back untouched when their consumer closes.
     */
    default void claimed(String queue, int messages, long nanos) {
    }

    /** One message handed to the application (returned by a receive, or given to a listener). */
    default void delivered(String destination) {
    }

    /** Messages acknowledged (their rows deleted and committed) from {@code destination}. */
    default void acknowledged(String destination, int messages) {
    }

    /** Messages returned to their queue after a delivery (rollback, recover, a listener that threw, a dead node). */
    default void redelivered(String destination, int messages) {
    }

    /** Messages moved to a dead-letter queue from {@code destination} after their last allowed delivery. */
    default void deadLettered(String destination, int messages) {
    }

    /** Expired messages of {@code destination} deleted by the periodic cleanup. */
    default void expired(String destination, int messages) {
    }

    /**
     * One group commit: the callers' units in it, the rows it wrote, the statements it sent (its commit included, and
     * those of attempts run again), how long it took from start to commit.
     */
    default void groupCommitted(int units, int rows, int statements, long nanos) {
    }

    /** Arrivals that woke this JVM's consumers (its own commits and other JVMs' notifications). */
    default void wokeUp(int destinations) {
    }

    /** The store closes: unregister whatever was registered. */
    default void close() {
    }
}
