package org.rowmq.store;

/** One store (one node) in JMX, as {@code org.rowmq:type=Store,node=<node id>}: counts since the store opened. */
public interface StoreMXBean {
    long getGroupCommits();

    /** Callers' work units per database commit, on average: how much group commit shares each commit. */
    double getMeanUnitsPerCommit();

    long getMaxRowsPerCommit();

    double getMeanCommitMillis();

    double getMaxCommitMillis();

    /** Claims that reached the database; {@link #getEmptyClaims()} of them found nothing (polls). */
    long getClaims();

    long getEmptyClaims();

    double getMeanClaimMillis();

    long getAcknowledged();

    long getExpired();

    long getWakeUps();
}
