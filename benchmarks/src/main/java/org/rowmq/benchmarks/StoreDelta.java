package org.rowmq.benchmarks;

import org.rowmq.store.StoreStats;

/**
 * What RowMQ's store counted over the measured window (the difference of two of its {@link StoreStats} readings):
 * group commits, the rows they wrote, the statements they sent (their commits included), claims and the messages
 * those returned.
 */
record StoreDelta(long commits, long units, long rows, long claims, long claimedMessages, long statements) {

    static StoreDelta between(StoreStats before, StoreStats after) {
        if (before == null || after == null) return null;
        return new StoreDelta(after.commits() - before.commits(), after.units() - before.units(),
                after.rows() - before.rows(), after.claims() - before.claims(),
                after.claimedMessages() - before.claimedMessages(), after.statements() - before.statements());
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
