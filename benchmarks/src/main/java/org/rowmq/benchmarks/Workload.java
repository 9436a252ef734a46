package org.rowmq.benchmarks;

import java.util.List;

/**
 * One load shape: how many producers and consumers (each its own connection and session), how many messages each
 * local transaction carries (1 = none), whether the destination is a topic read by durable subscribers, the body
 * size, whether producers send at a fixed total rate (latency) rather than as fast as the backlog allows, and whether
 * the producers run in a JVM of their own.
 *
 * @param id          short name used on the command line and in the table
 * @param title       what the table calls it
 * @param producers   producer connections
 * @param consumers   consumer connections (for a topic: durable subscribers, each receiving every message)
 * @param transaction messages per local transaction on both sides; 1 means non-transacted, AUTO_ACKNOWLEDGE
 * @param topic       a topic with {@code consumers} durable subscribers instead of a queue
 * @param bodyBytes   BytesMessage body size
 * @param fixedRate   producers send on a schedule (latency run); the rate comes from the run, not from here
 * @param separateJvm producers in a second JVM (RowMQ only: the peers are embedded brokers)
 */
public record Workload(String id, String title, int producers, int consumers, int transaction, boolean topic,
                       int bodyBytes, boolean fixedRate, boolean separateJvm) {

    static final int KIB = 1024;

    static final Workload ONE = queue("1x1", "1 producer, 1 consumer", 1, 1, 1, KIB);
    static final Workload FOUR = queue("4x4", "4 x 4", 4, 4, 1, KIB);
    static final Workload TX10 = queue("tx10", "4 x 4, transactions of 10", 4, 4, 10, KIB);
    static final Workload TX100 = queue("tx100", "4 x 4, transactions of 100", 4, 4, 100, KIB);
    static final Workload SIXTEEN = queue("16x16", "16 x 16", 16, 16, 1, KIB);
    static final Workload TOPIC = new Workload("topic", "topic, 10 durable subscribers (per subscriber)", 1, 10, 1,
            true, KIB, false, false);
    static final Workload LARGE = queue("100k", "4 x 4, 100 KiB body", 4, 4, 1, 100 * KIB);
    static final Workload LATENCY = new Workload("latency", "4 x 4 at a fixed rate (latency)", 4, 4, 1, false, KIB,
            true, false);
    static final Workload APART = new Workload("apart", "4 x 4, producers in another JVM", 4, 4, 1, false, KIB, false,
            true);

    /** In the order they run and appear in the table; the latency run comes after 4x4, whose rate it needs. */
    static final List<Workload> ALL = List.of(ONE, FOUR, TX10, TX100, SIXTEEN, TOPIC, LARGE, APART, LATENCY);

    static Workload queue(String id, String title, int producers, int consumers, int transaction, int bodyBytes) {
        return new Workload(id, title, producers, consumers, transaction, false, bodyBytes, false, false);
    }

    static Workload byId(String id) {
        return ALL.stream().filter(w -> w.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload " + id + "; known: "
                        + ALL.stream().map(Workload::id).toList()));
    }

    /** Copies of each message that must arrive: one per durable subscriber of a topic, one for a queue. */
    int copies() {
        return topic ? consumers : 1;
    }

    /** The closed loop's limit: at most this many messages, and no more body bytes than given, unreceived. */
    long backlog(long messages, long bytes) {
        return Math.max(1, Math.min(messages, bytes / bodyBytes));
    }
}
