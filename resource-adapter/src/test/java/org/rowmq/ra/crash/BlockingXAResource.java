package org.rowmq.ra.crash;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A participant that stops the transaction between prepare and commit: enlisted first, it is the first to be asked to
 * commit, after the transaction manager wrote its commit decision and every participant (the datasource, RowMQ)
 * prepared. It then writes a marker file for the test, which kills the server, and blocks.
 */
public class BlockingXAResource implements XAResource {
    private final Path marker;

    public BlockingXAResource(Path marker) {
        this.marker = marker;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        try {
            Files.writeString(marker, xid.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Thread.sleep(Long.MAX_VALUE); // until kill -9
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int prepare(Xid xid) {
        return XA_OK;
    }

    @Override
    public void rollback(Xid xid) {
    }

    @Override
    public void start(Xid xid, int flags) {
    }

    @Override
    public void end(Xid xid, int flags) {
    }

    @Override
    public void forget(Xid xid) {
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return false;
    }
}
