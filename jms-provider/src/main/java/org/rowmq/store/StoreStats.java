package org.rowmq.store;

/**
 * Counters of one store since it opened, for benchmarks: how much work each database commit of the group committer
 * carried, and how many messages each claim returned.
 *
 * @param commits          group commits that succeeded
 * @param units            callers' work units in them (sends, acknowledgements, transaction commits)
 * @param rows             rows they wrote (messages inserted, acknowledgements deleted, deliveries marked)
 * @param statements       statements the group committer sent, its commits and rollbacks included (a batch is one)
 * @param claims           claim calls that reached the database
 * @param claimedMessages  messages those claims returned
 * @param gatheringNanos   time the group committer spent gathering its successful groups: from taking a group's first
 *                         unit to starting to write it (see {@code Gathering})
 * @param writingNanos     time it spent writing and committing them, database round trips included
 * @param releasingNanos   time it spent releasing their callers after the commit (waking consumers, completing each
 *                         caller's future)
 */
public record StoreStats(long commits, long units, long rows, long statements, long claims, long claimedMessages,
                         long gatheringNanos, long writingNanos, long releasingNanos) {
}
