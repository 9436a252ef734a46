package org.rowmq.benchmarks;

import org.rowmq.store.StoreStats;

/**
 * What RowMQ's store counted over the measured window (the difference of two of its {@link StoreStats} readings):
 * group commits, the rows they wrote, claims and the messages those returned.
 */
record StoreDelta(long commits, long units, long rows, long claims, long claimedMessages) {

    static StoreDelta between(StoreStats before, StoreStats after) {
        if (before == null || after == null) return null;
        return new StoreDelta(after.commits() - before.commits(), after.units() - before.units(),
                after.rows() - before.rows(), after.claims() - before.claims(),
                after.claimedMessages() - before.claimedMessages());
    }

    double rowsPerCommit() {
        return commits == 0 ? 0 : (double) rows / commits;
    }

    double messagesPerClaim() {
        return claims == 0 ? 0 : (double) claimedMessages / claims;
    }
}
