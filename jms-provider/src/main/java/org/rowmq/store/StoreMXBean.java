package org.rowmq.store;

/** One store (one node) in JMX, as {@code org.rowmq:type=Store,node=<node id>}: counts since the store opened. */
public interface StoreMXBean {
    long getGroupCommits();

    /** Callers' work units per database commit, on average: how much group commit shares each commit. */
    double getMeanUnitsPerCommit();

    /** Rows written per database commit, on average (messages inserted, acknowledgements deleted, marks). */
    double getMeanRowsPerCommit();

    long getMaxRowsPerCommit();

    /** Statements sent per database commit, on average, the commit included: its cost in round trips. */
    double getMeanStatementsPerCommit();

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
