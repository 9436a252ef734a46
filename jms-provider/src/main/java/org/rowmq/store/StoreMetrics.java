package org.rowmq.store;

import java.util.List;

/**
 * What the store reports as it works, for monitoring. The store calls these hooks on its hot paths (the group
 * committer's thread, consumers' claims), so an implementation must be quick and must not block or throw. The store
 * records through {@link JmxStoreMetrics} unless the application passes a Micrometer registry
 * ({@link MicrometerStoreMetrics}); every hook defaults to doing nothing.
 */
public interface StoreMetrics {

    StoreMetrics NONE = new StoreMetrics() {
    };

    /** Messages stored (committed, or written into the application's own transaction). */
    default void sent(List<OutgoingMessage> messages) {
    }

    /** A claim that reached the database: what it returned for delivery and how long it took (a poll when empty). */
    default void claimed(String queue, int messages, long nanos) {
    }

    /** Messages acknowledged (their rows deleted). The store knows only ids here, not destinations. */
    default void acknowledged(int messages) {
    }

    /** Messages returned to their queue after a delivery (rollback, recover, a listener that threw, a dead node). */
    default void redelivered(String destination, int messages) {
    }

    /** Messages moved to a dead-letter queue from {@code destination} after their last allowed delivery. */
    default void deadLettered(String destination, int messages) {
    }

    /** Expired messages deleted by the periodic cleanup. */
    default void expired(int messages) {
    }

    /** One group commit: the callers' units in it, the rows it wrote, how long it took from start to commit. */
    default void groupCommitted(int units, int rows, long nanos) {
    }

    /** Arrivals that woke this JVM's consumers (its own commits and other JVMs' notifications). */
    default void wokeUp(int destinations) {
    }

    /** The store closes: unregister whatever was registered. */
    default void close() {
    }
}
