package org.rowmq.store;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * How long the group commit lets a group gather before writing it. A group's commit releases its callers, and those
 * that wait for each write come straight back with the next one (a producer's next send, a consumer's next
 * acknowledgement); a group started the instant anything is queued takes only whoever came back first, and the
 * others wait for its commit and then commit alone. In one producer and one consumer, their commits alternated, two
 * per message. So a group waits for the writers the last group released, half the last commit's duration at most:
 * the wait costs a little latency, and the commit it spares costs a whole one. Measured on PostgreSQL against the
 * second commit lane it replaced (benchmark, docs/architecture.md, "Gathering"): 1 x 1 1.1 commits per message instead
 * of 2.0 and 13-17 % more messages a second, 4 x 4 14-20 % more, PostgreSQL's CPU per message a quarter to a third
 * less.
 *
 * <p>Only the group commit's thread calls this.
 */
final class Gathering {
    /** Of the last commit's duration, the longest a group waits for writers that do not come... */
    private static final int WAIT_DIVISOR = 2;
    /**
     * ...and at most this long: a writer comes back within tens of microseconds, and one commit slowed by a disk
     * stall must not make the next group wait as long for a writer that has gone.
     */
    static final long MAX_WAIT_NANOS = 500_000;

    private Set<WriteOrder> released = Set.of();
    private long lastCommitNanos;
    private Set<WriteOrder> missing = Set.of();
    private long deadlineNanos;

    /** A group starts gathering: it expects the writers the last group released. */
    void start(long nowNanos) {
        missing = orders();
        missing.addAll(released);
        deadlineNanos = nowNanos + Math.min(MAX_WAIT_NANOS, lastCommitNanos / WAIT_DIVISOR);
    }

    /** A unit joined the gathering group. */
    void joined(WorkUnit unit) {
        missing.remove(unit.order);
    }

    /** How much longer the group gathers, in nanoseconds: 0 once every writer expected is in, or its time is up. */
    long waitNanos(long nowNanos) {
        return missing.isEmpty() ? 0 : Math.max(0, deadlineNanos - nowNanos);
    }

    /** A group was written and committed in {@code nanos}: its writers are the ones the next group expects. */
    void written(List<WorkUnit> units, long nanos) {
        released = orders();
        for (WorkUnit u : units) released.add(u.order);
        lastCommitNanos = nanos;
    }

    private static Set<WriteOrder> orders() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
