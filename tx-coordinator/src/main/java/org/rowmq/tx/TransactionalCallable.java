package org.rowmq.tx;

/** Work done inside one transaction by {@link TxCoordinator#callInTransaction}, returning a result. */
@FunctionalInterface
public interface TransactionalCallable<T> {

    T call(TransactionScope tx) throws Exception;
}
