package org.rowmq.xa;

import javax.transaction.xa.Xid;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** A transaction manager's Xid as tests make them: unique global ids, a new object per call like a real TM. */
record TestXid(int formatId, byte[] gtrid, byte[] bqual) implements Xid {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    static TestXid next() {
        byte[] gtrid = ("rowmq-test-" + RUN + "-" + SEQUENCE.incrementAndGet()).getBytes(StandardCharsets.US_ASCII);
        return new TestXid(4711, gtrid, new byte[]{1});
    }

    /** The same branch as a distinct object, as a transaction manager hands it to each call. */
    TestXid copy() {
        return new TestXid(formatId, gtrid.clone(), bqual.clone());
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return gtrid.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return bqual.clone();
    }

    boolean sameAs(Xid other) {
        return other.getFormatId() == formatId && Arrays.equals(other.getGlobalTransactionId(), gtrid)
                && Arrays.equals(other.getBranchQualifier(), bqual);
    }
}
