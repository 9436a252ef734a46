package org.rowmq.xa;

import jakarta.jms.JMSException;
import org.rowmq.store.BranchException;
import org.rowmq.store.BranchId;
import org.rowmq.store.MessageStore;
import org.rowmq.store.OutgoingMessage;
import org.rowmq.store.XABranchStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The XAResource of one RowMQ XA session. The session's sends and receives go to the branch this resource is
 * associated with; they stay in memory until {@link #prepare}, which writes them in one database transaction tagged
 * with the Xid (see {@link XABranchStore}). Commit, rollback and recover work on prepared branches of any JVM, through
 * any resource of the same database, so recovery needs no session of the one that prepared.
 *
 * <p>States and codes follow the XA specification: branch states non-existent, active, idle, rollback-only and
 * prepared; association states not associated, associated and suspended. An unknown Xid is XAER_NOTA, a call in a
 * state that does not allow it XAER_PROTO, bad arguments XAER_INVAL, a second start of a known Xid XAER_DUPID, a
 * rollback-only branch XA_RB* (XA_RBTIMEOUT after its timeout, XA_RBROLLBACK after end with TMFAIL), an unreachable
 * database XAER_RMFAIL (retry later). RowMQ never completes a branch heuristically, so forget always refuses.
 */
public final class RowXAResource implements XAResource {

    private static final Logger log = LoggerFactory.getLogger(RowXAResource.class);

    private final MessageStore store;
    private final XABranchStore durable;
    private final BranchTable table;
    /** The branch this resource is associated with, or null. Guarded by {@link #table}. */
    private Branch current;
    private volatile int timeoutSeconds;
    /** Guarded by this. */
    private boolean scanOpen;

    /** A resource over a store reference the caller keeps open for as long as the resource is used. */
    public RowXAResource(MessageStore store) {
        this.store = store;
        this.durable = store.xaBranches();
        this.table = BranchTable.of(durable);
    }

    // ---------------------------------------------------------------- the session's work

    /** True while this resource is associated with a branch (the session is in a global transaction). */
    public boolean inGlobalTransaction() {
        synchronized (table) {
            return current != null;
        }
    }

    /** Adds a send to the associated branch; false when there is none (the session's own transaction takes it). */
    public boolean addSend(OutgoingMessage message) {
        synchronized (table) {
            if (current == null) return false;
            // A rollback-only branch drops its work: the send is discarded with it.
            if (current.state == Branch.State.OPEN) current.sends.add(message);
            return true;
        }
    }

    /** Adds a received message to the associated branch; false when there is none. */
    public boolean addReceived(long id) {
        Branch rolledBack;
        synchronized (table) {
            if (current == null) return false;
            current.received.add(id);
            if (current.state == Branch.State.OPEN) return true;
            rolledBack = current;
        }
        // Received into a branch that is already rolled back (timed out): it goes back at once.
        releaseQuietly(rolledBack, store);
        return true;
    }

    // ---------------------------------------------------------------- association

    @Override
    public void start(Xid xid, int flags) throws XAException {
        BranchId id = branchId(xid);
        synchronized (table) {
            if (current != null)
                throw XAErrors.of(XAException.XAER_PROTO, "this resource is still associated with " + current.xid
                        + "; end it before starting " + id);
            switch (flags) {
                case TMNOFLAGS -> {
                    if (table.get(id) != null)
                        throw XAErrors.of(XAException.XAER_DUPID, id + " is already known; join it with TMJOIN");
                    Branch b = new Branch(id, store);
                    scheduleTimeout(b);
                    table.put(b);
                    associate(b);
                }
                case TMJOIN -> {
                    Branch b = known(id);
                    if (b.suspended.contains(this))
                        throw XAErrors.of(XAException.XAER_PROTO, "this resource suspended " + id + "; resume it with TMRESUME");
                    requireJoinable(b);
                    associate(b);
                }
                case TMRESUME -> {
                    Branch b = known(id);
                    if (!b.suspended.remove(this))
                        throw XAErrors.of(XAException.XAER_PROTO, "this resource did not suspend " + id);
                    requireJoinable(b);
                    associate(b);
                }
                default -> throw XAErrors.of(XAException.XAER_INVAL, "start takes TMNOFLAGS, TMJOIN or TMRESUME, not "
                        + flags);
            }
        }
    }

    private void associate(Branch b) {
        b.active.add(this);
        current = b;
    }

    private void requireJoinable(Branch b) throws XAException {
        switch (b.state) {
            case OPEN -> {
            }
            case ROLLBACK_ONLY -> throw rolledBack(b);
            default -> throw XAErrors.of(XAException.XAER_PROTO, b.xid + " is " + describe(b.state)
                    + "; no more work can join it");
        }
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        BranchId id = branchId(xid);
        Branch rollbackOnly = null;
        XAException failure = null;
        synchronized (table) {
            Branch b = known(id);
            switch (flags) {
                case TMSUCCESS, TMFAIL -> {
                    if (current == b) {
                        b.active.remove(this);
                        current = null;
                    } else if (!b.suspended.remove(this)) {
                        throw XAErrors.of(XAException.XAER_PROTO, "this resource is not associated with " + id);
                    }
                    if (flags == TMFAIL && b.state == Branch.State.OPEN) {
                        b.markRollbackOnly(XAException.XA_RBROLLBACK, "it was ended with TMFAIL");
                        rollbackOnly = b;
                    } else if (flags == TMSUCCESS && b.state == Branch.State.ROLLBACK_ONLY) {
                        failure = rolledBack(b);
                    }
                }
                case TMSUSPEND -> {
                    if (current != b)
                        throw XAErrors.of(XAException.XAER_PROTO, "this resource is not actively associated with " + id);
                    b.active.remove(this);
                    current = null;
                    if (b.state == Branch.State.ROLLBACK_ONLY) failure = rolledBack(b);
                    else b.suspended.add(this);
                }
                default -> throw XAErrors.of(XAException.XAER_INVAL, "end takes TMSUCCESS, TMFAIL or TMSUSPEND, not "
                        + flags);
            }
        }
        if (rollbackOnly != null) releaseQuietly(rollbackOnly, store);
        if (failure != null) throw failure;
    }

    // ---------------------------------------------------------------- two-phase commit

    @Override
    public int prepare(Xid xid) throws XAException {
        BranchId id = branchId(xid);
        List<OutgoingMessage> sends;
        List<Long> received;
        Branch b;
        synchronized (table) {
            b = known(id);
            switch (b.state) {
                case ROLLBACK_ONLY -> {
                    // XA: a branch that answers XA_RB* to prepare is rolled back and forgotten.
                    table.remove(b);
                    throw rolledBack(b);
                }
                case OPEN -> requireIdle(b, "prepared");
                default -> throw XAErrors.of(XAException.XAER_PROTO, id + " is " + describe(b.state)
                        + "; it cannot be prepared");
            }
            if (b.isEmpty()) {
                table.remove(b);
                return XA_RDONLY;
            }
            b.cancelTimeout();
            b.state = Branch.State.BUSY;
            sends = List.copyOf(b.sends);
            received = List.copyOf(b.received);
        }
        try {
            durable.prepare(id, sends, received);
        } catch (JMSException e) {
            throw failedWrite(b, e, "prepare");
        }
        synchronized (table) {
            b.state = Branch.State.PREPARED;
            b.sends.clear();
        }
        return XA_OK;
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        BranchId id = branchId(xid);
        if (onePhase) commitOnePhase(id);
        else commitPrepared(id);
    }

    private void commitOnePhase(BranchId id) throws XAException {
        List<OutgoingMessage> sends;
        List<Long> received;
        Branch b;
        synchronized (table) {
            b = known(id);
            switch (b.state) {
                case ROLLBACK_ONLY -> {
                    table.remove(b);
                    throw rolledBack(b);
                }
                case OPEN -> requireIdle(b, "committed");
                default -> throw XAErrors.of(XAException.XAER_PROTO, id + " is " + describe(b.state)
                        + "; one-phase commit is for a branch that was never prepared");
            }
            if (b.isEmpty()) {
                table.remove(b);
                return;
            }
            b.cancelTimeout();
            b.state = Branch.State.BUSY;
            sends = List.copyOf(b.sends);
            received = List.copyOf(b.received);
        }
        try {
            durable.commitOnePhase(sends, received);
        } catch (JMSException e) {
            throw failedWrite(b, e, "commit in one phase");
        }
        synchronized (table) {
            table.remove(b);
        }
    }

    private void commitPrepared(BranchId id) throws XAException {
        Branch b;
        Branch.State before;
        synchronized (table) {
            b = table.get(id);
            before = b == null ? null : b.state;
            if (b != null) {
                if (before != Branch.State.PREPARED && before != Branch.State.PREPARE_UNKNOWN)
                    throw XAErrors.of(XAException.XAER_PROTO, id + " is " + describe(before)
                            + "; two-phase commit needs it prepared first");
                b.state = Branch.State.BUSY;
            }
        }
        boolean found;
        try {
            found = durable.commit(id);
        } catch (JMSException e) {
            restore(b, before);
            throw XAErrors.of(XAException.XAER_RMFAIL, "could not commit " + id + " (call commit again): "
                    + e.getMessage(), e);
        }
        if (found) {
            forget(b);
            return;
        }
        if (before == Branch.State.PREPARE_UNKNOWN) {
            // Its prepare never reached the database: the work was rolled back then.
            forget(b);
            releaseQuietly(b, store);
            throw XAErrors.of(XAException.XA_RBCOMMFAIL, id + " was rolled back: its prepare failed to commit");
        }
        forget(b);
        throw XAErrors.of(XAException.XAER_NOTA, "no prepared branch " + id + " (already completed?)");
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        BranchId id = branchId(xid);
        Branch b;
        Branch.State before;
        synchronized (table) {
            b = table.get(id);
            before = b == null ? null : b.state;
            if (before == Branch.State.OPEN || before == Branch.State.ROLLBACK_ONLY) {
                if (!b.active.isEmpty())
                    throw XAErrors.of(XAException.XAER_PROTO, id + " is still active; end it before rolling it back");
                if (before == Branch.State.OPEN) b.markRollbackOnly(XAException.XA_RBROLLBACK, "it was rolled back");
                // A suspended association ends with its branch; it holds nothing beyond this set.
                b.suspended.clear();
                table.remove(b);
            } else if (before == Branch.State.BUSY) {
                throw XAErrors.of(XAException.XAER_PROTO, id + " is being prepared or completed right now");
            } else if (b != null) {
                b.state = Branch.State.BUSY;
            }
        }
        if (before == Branch.State.OPEN || before == Branch.State.ROLLBACK_ONLY) {
            release(b);
            return;
        }
        boolean found;
        try {
            found = durable.rollback(id);
        } catch (JMSException e) {
            restore(b, before);
            throw XAErrors.of(XAException.XAER_RMFAIL, "could not roll back " + id + " (call rollback again): "
                    + e.getMessage(), e);
        }
        forget(b);
        if (found) return;
        if (before == Branch.State.PREPARE_UNKNOWN) {
            releaseQuietly(b, store); // its prepare never reached the database
            return;
        }
        throw XAErrors.of(XAException.XAER_NOTA, "no prepared branch " + id + " (already completed?)");
    }

    @Override
    public void forget(Xid xid) throws XAException {
        BranchId id = branchId(xid);
        synchronized (table) {
            Branch b = table.get(id);
            if (b != null)
                throw XAErrors.of(XAException.XAER_PROTO, id + " is " + describe(b.state)
                        + "; RowMQ never completes a branch heuristically, so there is nothing to forget");
        }
        boolean prepared;
        try {
            prepared = durable.isPrepared(id);
        } catch (JMSException e) {
            throw XAErrors.of(XAException.XAER_RMFAIL, "could not look up " + id + ": " + e.getMessage(), e);
        }
        if (prepared)
            throw XAErrors.of(XAException.XAER_PROTO, id + " is prepared, not heuristically completed; commit or roll it back");
        throw XAErrors.of(XAException.XAER_NOTA, "no heuristically completed branch " + id);
    }

    // ---------------------------------------------------------------- recovery

    /** Every prepared branch in the database, whichever JVM prepared it, listed at TMSTARTRSCAN. */
    @Override
    public Xid[] recover(int flag) throws XAException {
        if ((flag & ~(TMSTARTRSCAN | TMENDRSCAN)) != 0)
            throw XAErrors.of(XAException.XAER_INVAL, "recover takes TMSTARTRSCAN, TMENDRSCAN, both or TMNOFLAGS, not "
                    + flag);
        boolean starts = (flag & TMSTARTRSCAN) != 0;
        boolean ends = (flag & TMENDRSCAN) != 0;
        synchronized (this) {
            if (!starts && !scanOpen)
                throw XAErrors.of(XAException.XAER_PROTO, "no recovery scan is open; start one with TMSTARTRSCAN");
            Xid[] result;
            if (starts) {
                try {
                    result = durable.prepared().toArray(new Xid[0]);
                } catch (JMSException e) {
                    throw XAErrors.of(XAException.XAER_RMFAIL, "could not list the prepared branches: "
                            + e.getMessage(), e);
                }
            } else {
                result = new Xid[0]; // the whole list was returned at the start of the scan
            }
            scanOpen = !ends;
            return result;
        }
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other instanceof RowXAResource r && r.table == table;
    }

    // ---------------------------------------------------------------- timeouts

    @Override
    public int getTransactionTimeout() {
        return timeoutSeconds;
    }

    /** Applies to branches started afterwards; 0 restores the default, which is no timeout of RowMQ's own. */
    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        if (seconds < 0)
            throw XAErrors.of(XAException.XAER_INVAL, "a transaction timeout cannot be negative, was " + seconds);
        timeoutSeconds = seconds;
        return true;
    }

    private void scheduleTimeout(Branch b) {
        int seconds = timeoutSeconds;
        if (seconds == 0) return;
        b.timeout = BranchTable.TIMER.schedule(() -> timedOut(b), seconds, TimeUnit.SECONDS);
    }

    /** A branch not prepared within its timeout is rolled back at once, so its receives do not stay held. */
    private void timedOut(Branch b) {
        synchronized (table) {
            if (b.state != Branch.State.OPEN || table.get(b.xid) != b) return;
            b.markRollbackOnly(XAException.XA_RBTIMEOUT, "it was not prepared within its timeout of "
                    + timeoutSeconds + " s");
        }
        releaseQuietly(b, b.store);
    }

    // ---------------------------------------------------------------- helpers

    private static BranchId branchId(Xid xid) throws XAException {
        try {
            return BranchId.of(xid);
        } catch (IllegalArgumentException e) {
            throw XAErrors.of(XAException.XAER_INVAL, "invalid Xid: " + e.getMessage());
        }
    }

    private Branch known(BranchId id) throws XAException {
        Branch b = table.get(id);
        if (b == null) throw XAErrors.of(XAException.XAER_NOTA, "unknown branch " + id);
        return b;
    }

    private static void requireIdle(Branch b, String what) throws XAException {
        if (b.associated())
            throw XAErrors.of(XAException.XAER_PROTO, b.xid + " is still " + (b.active.isEmpty() ? "suspended" : "active")
                    + "; end it (TMSUCCESS) before it is " + what);
    }

    private static XAException rolledBack(Branch b) {
        return XAErrors.of(b.rollbackCode, b.xid + " is rolled back: " + b.rollbackReason);
    }

    private static String describe(Branch.State state) {
        return switch (state) {
            case OPEN -> "not prepared";
            case ROLLBACK_ONLY -> "rolled back";
            case BUSY -> "being prepared or completed";
            case PREPARED -> "prepared";
            case PREPARE_UNKNOWN -> "in doubt after a failed prepare";
        };
    }

    /**
     * After a store write failed: a rolled-back write rolls the branch back, an unknown one leaves it in doubt. A
     * plain JMSException (none is expected) counts as a database failure before anything was written.
     */
    private XAException failedWrite(Branch b, JMSException e, String what) {
        BranchException.Reason reason = e instanceof BranchException be ? be.reason()
                : BranchException.Reason.DATABASE_FAILURE;
        if (reason == BranchException.Reason.OUTCOME_UNKNOWN) {
            synchronized (table) {
                b.state = Branch.State.PREPARE_UNKNOWN;
            }
            return XAErrors.of(XAException.XAER_RMFAIL, "could not " + what + " " + b.xid + ": " + e.getMessage(), e);
        }
        synchronized (table) {
            table.remove(b);
            b.sends.clear();
        }
        releaseQuietly(b, store);
        return XAErrors.of(XAErrors.code(reason), "could not " + what + " " + b.xid + ", so it was rolled back: "
                + e.getMessage(), e);
    }

    private void restore(Branch b, Branch.State before) {
        if (b == null) return;
        synchronized (table) {
            b.state = before;
        }
    }

    private void forget(Branch b) {
        if (b == null) return;
        synchronized (table) {
            table.remove(b);
        }
    }

    /** Returns the branch's received messages for redelivery; on failure they stay due for the next attempt. */
    private void release(Branch b) throws XAException {
        List<Long> ids;
        synchronized (table) {
            ids = b.takeReceived();
        }
        if (ids.isEmpty()) return;
        try {
            store.release(ids, true);
        } catch (JMSException e) {
            synchronized (table) {
                b.received.addAll(ids);
                if (table.get(b.xid) == null) table.put(b); // keep it, so that rollback can be called again
            }
            throw XAErrors.of(XAException.XAER_RMFAIL, "could not return the messages received in " + b.xid
                    + " (call rollback again): " + e.getMessage(), e);
        }
    }

    private void releaseQuietly(Branch b, MessageStore through) {
        List<Long> ids;
        synchronized (table) {
            ids = b.takeReceived();
        }
        if (ids.isEmpty()) return;
        try {
            through.release(ids, true);
        } catch (JMSException | RuntimeException e) {
            // They stay in flight for this node: the lease returns them if it dies, a later rollback retries.
            synchronized (table) {
                b.received.addAll(ids);
            }
            log.warn("RowMQ could not return the {} messages received in rolled-back {}: {}", ids.size(), b.xid,
                    e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "RowXAResource[" + store.nodeId() + "]";
    }
}
