package org.rowmq.benchmarks;

import jakarta.jms.ConnectionFactory;
import org.rowmq.store.StoreStats;

/** One provider opened for one run: a connection factory, and whatever must be shut down after the run. */
interface Broker extends AutoCloseable {

    ConnectionFactory connectionFactory();

    /** The store's own counters (RowMQ), or null for a peer. */
    default StoreStats storeStats() {
        return null;
    }

    /** The PostgreSQL database the provider writes to, or null when it does not use PostgreSQL. */
    Database.Jdbc database();

    @Override
    void close() throws Exception;
}
