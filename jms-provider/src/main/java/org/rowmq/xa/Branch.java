package org.rowmq.xa;

import org.rowmq.store.BranchId;
import org.rowmq.store.MessageStore;
import org.rowmq.store.OutgoingMessage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

/**
 * A transaction branch this JVM knows, with the work done in it. Until prepare the work lives only here: nothing of it
 * is in the database, and its received messages stay in flight for this node (a crash returns them through the lease
 * reaper). Guarded by its {@link BranchTable}.
 */
final class Branch {

    enum State {
        /** Started and not yet prepared; active while a resource is associated, idle otherwise. */
        OPEN,
        /** Marked rollback-only (end with TMFAIL, a timeout): its sends are dropped, its receives released. */
        ROLLBACK_ONLY,
        /** A prepare, commit or rollback is writing to the database right now. */
        BUSY,
        /** Prepared in the database by this JVM. */
        PREPARED,
        /** The database's commit of the prepare failed: prepared or not, only the database knows. */
        PREPARE_UNKNOWN
    }

    final BranchId xid;
    /** The store of the resource that started the branch, for releasing its receives on a timeout. */
    final MessageStore store;
    State state = State.OPEN;
    int rollbackCode;
    String rollbackReason;
    final Set<RowXAResource> active = new HashSet<>();
    final Set<RowXAResource> suspended = new HashSet<>();
    final List<OutgoingMessage> sends = new ArrayList<>();
    /** Ids received in the branch, in flight for this node; after a rollback, those whose release is still due. */
    final List<Long> received = new ArrayList<>();
    ScheduledFuture<?> timeout;

    Branch(BranchId xid, MessageStore store) {
        this.xid = xid;
        this.store = store;
    }

    boolean associated() {
        return !active.isEmpty() || !suspended.isEmpty();
    }

    boolean isEmpty() {
        return sends.isEmpty() && received.isEmpty();
    }

    /** Marks the branch rollback-only and drops its sends; the caller releases {@link #received} afterwards. */
    void markRollbackOnly(int code, String reason) {
        state = State.ROLLBACK_ONLY;
        rollbackCode = code;
        rollbackReason = reason;
        sends.clear();
        cancelTimeout();
    }

    void cancelTimeout() {
        if (timeout != null) timeout.cancel(false);
        timeout = null;
    }

    /** Takes the ids whose release is due, so that a failed release can put them back. */
    List<Long> takeReceived() {
        List<Long> ids = new ArrayList<>(received);
        received.clear();
        return ids;
    }
}
