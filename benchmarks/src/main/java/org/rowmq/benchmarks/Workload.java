package org.rowmq.benchmarks;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
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

    /** How the id of a workload with its producers in another JVM ends; the rest is its one-JVM twin's id. */
    private static final String APART = "-apart";

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
    static final Workload ONE_APART = ONE.apart("1 x 1, producers in another JVM");
    static final Workload FOUR_APART = FOUR.apart("4 x 4, producers in another JVM");
    static final Workload TX10_APART = TX10.apart("transactions of 10, producers in another JVM");
    static final Workload TX100_APART = TX100.apart("transactions of 100, producers in another JVM");
    static final Workload SIXTEEN_APART = SIXTEEN.apart("16 x 16, producers in another JVM");
    // Short enough for the plot: a chart cuts off a title wider than itself.
    static final Workload TOPIC_APART = TOPIC.apart("topic, publisher in another JVM (per subscriber)");
    static final Workload LARGE_APART = LARGE.apart("4 x 4, 100 KiB body, producers in another JVM");

    /** In the order they run and appear in the table; the latency run comes after 4x4, whose rate it needs. */
    static final List<Workload> ALL = List.of(ONE, FOUR, TX10, TX100, SIXTEEN, TOPIC, LARGE, ONE_APART, FOUR_APART,
            TX10_APART, TX100_APART, SIXTEEN_APART, TOPIC_APART, LARGE_APART, LATENCY);

    static Workload queue(String id, String title, int producers, int consumers, int transaction, int bodyBytes) {
        return new Workload(id, title, producers, consumers, transaction, false, bodyBytes, false, false);
    }

    /** This load with its producers in another JVM, named after this one so that {@link #oneJvm()} finds it back. */
    private Workload apart(String title) {
        return new Workload(id + APART, title, producers, consumers, transaction, topic, bodyBytes, fixedRate, true);
    }

    /** For a workload with its producers in another JVM: the same load in one JVM, what it is compared with. */
    Workload oneJvm() {
        return byId(id.substring(0, id.length() - APART.length()));
    }

    static Workload byId(String id) {
        return ALL.stream().filter(w -> w.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload " + id + "; known: "
                        + ALL.stream().map(Workload::id).toList()));
    }

    /** The run's topic or queue of that name, in both JVMs when the producers run apart. */
    Destination destination(Session session, String name) throws JMSException {
        return topic ? session.createTopic(name) : session.createQueue(name);
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
