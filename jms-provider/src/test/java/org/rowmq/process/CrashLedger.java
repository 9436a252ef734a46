package org.rowmq.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the consumers of a crash loop recorded, in the order it happened (the consumer processes run one after
 * another), checked against the sent ids and the queue's content. The rules, for a consumer that records "R" on
 * receipt, commits, then records "C":
 * <ul>
 *   <li>no id is committed twice, nor received again after its commit returned (no duplicate after commit);</li>
 *   <li>no committed id is still in the queue;</li>
 *   <li>every sent id is in the queue or was received (nothing lost); an id received but neither committed nor in the
 *       queue can only be one whose commit happened just before a kill: its "R" is the last line a killed process
 *       wrote ("committed at the kill"), at most one per kill;</li>
 *   <li>every later delivery of an id carries JMSRedelivered true and a higher JMSXDeliveryCount than the one before,
 *       and JMSRedelivered is true exactly when JMSXDeliveryCount &gt; 1;</li>
 *   <li>an id once found committed at a kill never comes back.</li>
 * </ul>
 */
final class CrashLedger {
    private final Set<String> sent = new LinkedHashSet<>();
    private final List<Consumption> records = new ArrayList<>();
    private final Set<Consumption> lastLinesOfKilled = new HashSet<>();
    /** Ids an earlier check found committed at a kill, with the receipt it judged by: they must never come back. */
    private final Map<String, Consumption> judgedCommittedAtKill = new HashMap<>();
    private int kills;

    void sent(Collection<String> ids) {
        sent.addAll(ids);
    }

    /** What a consumer process recorded; {@code killed} when it died by SIGKILL. */
    void add(List<Consumption> recordsOfOneProcess, boolean killed) {
        records.addAll(recordsOfOneProcess);
        if (killed) {
            kills++;
            if (!recordsOfOneProcess.isEmpty()) lastLinesOfKilled.add(recordsOfOneProcess.get(recordsOfOneProcess.size() - 1));
        }
    }

    record Verdict(int received, int redeliveries, int maxDeliveryCount, Set<String> committedAtKill) {
    }

    /** Checks the rules against the ids now in the queue (none in flight); throws AssertionError naming the first breach. */
    Verdict check(Collection<String> inQueue) {
        Set<String> queued = new HashSet<>(inQueue);
        require(queued.size() == inQueue.size(), "the queue holds an id twice: " + inQueue);
        for (String id : queued) require(sent.contains(id), "the queue holds " + id + ", which was never sent");

        Map<String, List<Consumption>> byId = new HashMap<>();
        for (Consumption c : records) byId.computeIfAbsent(c.id(), k -> new ArrayList<>()).add(c);
        int redeliveries = 0;
        int maxCount = 0;
        Set<String> committedAtKill = new LinkedHashSet<>();
        for (String id : sent) {
            List<Consumption> history = byId.getOrDefault(id, List.of());
            Consumption commit = null;
            Consumption previous = null;
            for (Consumption c : history) {
                require(commit == null, "duplicate after commit: " + id + " was committed by " + commit + ", then " + c);
                if (c.kind() == Consumption.Kind.C) {
                    commit = c;
                    continue;
                }
                require(c.redelivered() == (c.deliveryCount() > 1), "JMSRedelivered disagrees with JMSXDeliveryCount: " + c);
                if (previous != null) {
                    require(c.redelivered() && c.deliveryCount() > previous.deliveryCount(),
                            "a redelivery must be flagged and counted higher: " + previous + ", then " + c);
                }
                if (c.redelivered()) redeliveries++;
                maxCount = Math.max(maxCount, c.deliveryCount());
                previous = c;
            }
            Consumption judged = judgedCommittedAtKill.get(id);
            if (judged != null) {
                require(commit == null && judged.equals(previous) && !queued.contains(id), id + " was judged committed at the"
                        + " kill of " + judged.process() + " but came back: " + history + (queued.contains(id) ? ", in the queue" : ""));
            }
            if (commit != null) {
                require(!queued.contains(id), id + " is still in the queue although its commit returned: " + commit);
            } else if (!queued.contains(id)) {
                require(previous != null, "lost: " + id + " was sent, never received, and is not in the queue");
                require(lastLinesOfKilled.contains(previous), "lost: " + id + " was received (" + previous
                        + ") but neither committed nor returned to the queue, and the process did not die right after");
                committedAtKill.add(id);
                judgedCommittedAtKill.put(id, previous);
            }
        }
        require(committedAtKill.size() <= kills, committedAtKill.size() + " ids committed at the kill, but only " + kills + " kills");
        for (Consumption c : records) require(sent.contains(c.id()), "received an id never sent: " + c);
        return new Verdict((int) records.stream().filter(c -> c.kind() == Consumption.Kind.R).count(),
                redeliveries, maxCount, committedAtKill);
    }

    private static void require(boolean rule, String breach) {
        if (!rule) throw new AssertionError(breach);
    }
}
