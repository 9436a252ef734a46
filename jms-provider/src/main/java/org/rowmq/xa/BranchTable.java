package org.rowmq.xa;

import org.rowmq.store.BranchId;
import org.rowmq.store.XABranchStore;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The branches of one resource manager (one store) that this JVM has started and not yet completed, shared by every
 * XAResource of that store: a transaction manager may join a branch from another session (TMJOIN, after isSameRM),
 * and prepare or complete it through any of them. Its monitor guards every {@link Branch} in it.
 */
final class BranchTable {

    /** Keyed by the shared store's XA side, which is the resource manager's identity within this JVM. */
    private static final Map<XABranchStore, BranchTable> TABLES = new WeakHashMap<>();

    /** Branch timeouts, for every table: one daemon thread that only marks branches and releases their receives. */
    static final ScheduledExecutorService TIMER = timer();

    private final Map<BranchId, Branch> branches = new HashMap<>();

    private BranchTable() {
    }

    static BranchTable of(XABranchStore store) {
        synchronized (TABLES) {
            return TABLES.computeIfAbsent(store, s -> new BranchTable());
        }
    }

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "rowmq-xa-timeout");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(timer);
    }

    Branch get(BranchId xid) {
        return branches.get(xid);
    }

    void put(Branch branch) {
        branches.put(branch.xid, branch);
    }

    /** Forgets the branch if it is still the one registered under its Xid. */
    void remove(Branch branch) {
        branch.cancelTimeout();
        branches.remove(branch.xid, branch);
    }
}
