package org.rowmq.ra.outbound;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Whether the calling thread is inside a JTA transaction, from the server's synchronization registry. */
public final class TransactionProbe {
    private final TransactionSynchronizationRegistry registry;

    public TransactionProbe(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    public boolean inTransaction() {
        if (registry == null) return false;
        int status = registry.getTransactionStatus();
        return status != Status.STATUS_NO_TRANSACTION && status != Status.STATUS_UNKNOWN;
    }

    public TransactionSynchronizationRegistry registry() {
        return registry;
    }
}
