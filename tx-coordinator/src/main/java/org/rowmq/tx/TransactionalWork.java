package org.rowmq.tx;

/** Work done inside one transaction by {@link TxCoordinator#inTransaction}. */
@FunctionalInterface
public interface TransactionalWork {

    void execute(TransactionScope tx) throws Exception;
}
