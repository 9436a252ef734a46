package org.rowmq.store;

/**
 * What this JVM builds once on a shared store and every user of the store shares: its consumers' queue feeds, arrival
 * signals, subscription selectors and sweeper. Built by the first user that asks ({@link SharedStore#runtime}), closed
 * just before the store when the store's last reference closes.
 */
public interface StoreRuntime extends AutoCloseable {
    @Override
    void close();
}
