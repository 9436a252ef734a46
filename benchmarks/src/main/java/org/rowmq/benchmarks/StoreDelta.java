package org.rowmq.benchmarks;

import java.lang.reflect.RecordComponent;
import org.rowmq.store.StoreStats;

/**
 * What RowMQ's store counted over the measured window (the difference of two of its {@link StoreStats} readings):
 * group commits, the rows they wrote, claims and the messages those returned, and the statements of the group commits
 * when the store counts them (-1 when this version of the store does not).
 */
record StoreDelta(long commits, long units, long rows, long claims, long claimedMessages, long statements) {

    static StoreDelta between(StoreStats before, StoreStats after) {
        if (before == null || after == null) return null;
        long statementsBefore = optional(before, "statements"), statementsAfter = optional(after, "statements");
        return new StoreDelta(after.commits() - before.commits(), after.units() - before.units(),
                after.rows() - before.rows(), after.claims() - before.claims(),
                after.claimedMessages() - before.claimedMessages(),
                statementsBefore < 0 ? -1 : statementsAfter - statementsBefore);
    }

    double rowsPerCommit() {
        return commits == 0 ? 0 : (double) rows / commits;
    }

    double messagesPerClaim() {
        return claims == 0 ? 0 : (double) claimedMessages / claims;
    }

    /**
     * Statements of the group commits plus one per claim (a claim is one statement), or -1 when the store does not
     * count its statements.
     */
    long statementsWithClaims() {
        return statements < 0 ? -1 : statements + claims;
    }

    /** A counter that newer stores have and older ones lack, so that the benchmark measures either. */
    private static long optional(StoreStats stats, String name) {
        for (RecordComponent c : StoreStats.class.getRecordComponents()) {
            if (!c.getName().equals(name)) continue;
            try {
                return (long) c.getAccessor().invoke(stats);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("StoreStats." + name + " is unreadable", e);
            }
        }
        return -1;
    }
}
