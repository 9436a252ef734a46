package org.rowmq.store;

/**
 * Counters of one store since it opened, for benchmarks: how much work each database commit of the group committer
 * carried, and how many messages each claim returned.
 *
 * @param commits          group commits that succeeded
 * @param units            callers' work units in them (sends, acknowledgements, transaction commits)
 * @param rows             rows they wrote (messages inserted, acknowledgements deleted, deliveries marked)
 * @param claims           claim calls that reached the database
 * @param claimedMessages  messages those claims returned
 */
public record StoreStats(long commits, long units, long rows, long claims, long claimedMessages) {
}
