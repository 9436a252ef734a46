package org.rowmq.store;

import javax.transaction.xa.Xid;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identity of an XA transaction branch as RowMQ stores it: a copy of an {@link Xid}'s format id, global
 * transaction id and branch qualifier, compared by value (a transaction manager hands a different Xid object to every
 * call). The bytes are stored as bound values, never written into SQL.
 */
public final class BranchId implements Xid {

    private final int formatId;
    private final byte[] globalTransactionId;
    private final byte[] branchQualifier;

    /**
     * @throws IllegalArgumentException when the parts break the XA limits (a global transaction id of 1 to 64 bytes,
     *                                  a branch qualifier of at most 64, a format id other than -1, which means null)
     */
    public BranchId(int formatId, byte[] globalTransactionId, byte[] branchQualifier) {
        if (formatId == -1) throw new IllegalArgumentException("format id -1 denotes the null XID");
        if (globalTransactionId == null || globalTransactionId.length < 1 || globalTransactionId.length > MAXGTRIDSIZE)
            throw new IllegalArgumentException("a global transaction id has 1 to " + MAXGTRIDSIZE + " bytes, was "
                    + (globalTransactionId == null ? "null" : globalTransactionId.length));
        if (branchQualifier == null || branchQualifier.length > MAXBQUALSIZE)
            throw new IllegalArgumentException("a branch qualifier has 0 to " + MAXBQUALSIZE + " bytes, was "
                    + (branchQualifier == null ? "null" : branchQualifier.length));
        this.formatId = formatId;
        this.globalTransactionId = globalTransactionId.clone();
        this.branchQualifier = branchQualifier.clone();
    }

    /** A value copy of any Xid (see the constructor for what it rejects). */
    public static BranchId of(Xid xid) {
        if (xid instanceof BranchId b) return b;
        if (xid == null) throw new IllegalArgumentException("the Xid is null");
        return new BranchId(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
    }

    @Override
    public int getFormatId() {
        return formatId;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return globalTransactionId.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return branchQualifier.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BranchId b && b.formatId == formatId
                && Arrays.equals(b.globalTransactionId, globalTransactionId)
                && Arrays.equals(b.branchQualifier, branchQualifier);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * formatId + Arrays.hashCode(globalTransactionId)) + Arrays.hashCode(branchQualifier);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return "Xid[" + formatId + ", " + hex.formatHex(globalTransactionId) + ", " + hex.formatHex(branchQualifier) + "]";
    }
}
