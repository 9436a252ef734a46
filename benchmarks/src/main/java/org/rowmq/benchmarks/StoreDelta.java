package org.rowmq.benchmarks;

import org.rowmq.store.StoreStats;

/**
 * What RowMQ's store counted over the measured window (the difference of two of its {@link StoreStats} readings):
 * group commits, the rows they wrote, the statements they sent (their commits included), claims and the messages
 * those returned, and the group committer's time spent gathering, writing and releasing.
 */
record StoreDelta(long commits, long units, long rows, long claims, long claimedMessages, long statements,
                  long gatheringNanos, long writingNanos, long releasingNanos) {

    static StoreDelta between(StoreStats before, StoreStats after) {
        if (before == null || after == null) return null;
        return new StoreDelta(after.commits() - before.commits(), after.units() - before.units(),
                after.rows() - before.rows(), after.claims() - before.claims(),
                after.claimedMessages() - before.claimedMessages(), after.statements() - before.statements(),
                after.gatheringNanos() - before.gatheringNanos(), after.writingNanos() - before.writingNanos(),
                after.releasingNanos() - before.releasingNanos());
    }

    double unitsPerCommit() {
        return commits == 0 ? 0 : (double) units / commits;
    }

    /** Mean microseconds per group commit of one of its phases' totals. */
    double microsPerCommit(long nanos) {
        return commits == 0 ? 0 : nanos / 1000.0 / commits;
    }

    double rowsPerCommit() {
        return commits == 0 ? 0 : (double) rows / commits;
    }

    double messagesPerClaim() {
        return claims == 0 ? 0 : (double) claimedMessages / claims;
    }

    /** Statements of the group commits plus one per claim (on PostgreSQL a claim is one statement in autocommit). */
    long statementsWithClaims() {
        return statements + claims;
    }
}
