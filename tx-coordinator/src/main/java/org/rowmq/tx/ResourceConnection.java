package org.rowmq.tx;

import javax.transaction.xa.XAResource;

/**
 * A fresh connection to a registered resource manager: the XAResource that carries a branch, and the handle the
 * application uses inside the transaction. Closed only after the transaction completed, because closing it earlier
 * would end the branch's physical connection before commit.
 */
interface ResourceConnection extends AutoCloseable {

    XAResource xaResource();

    @Override
    void close() throws Exception;
}
