package org.rowmq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells this JVM's consumers about arrivals, once per destination, and encodes the notification other JVMs receive:
 * the sending node's id on the first line, then one destination per line, or {@link #ALL} alone when the names do not
 * fit PostgreSQL's payload limit.
 *
 * <p>It also knows whether any other JVM listens ({@link #othersListen}): a node alone on its database sends no
 * notifications from its hot paths (group commits, publishes, releases). On PostgreSQL a transaction that notifies takes one lock
 * for the whole database at commit and holds it until its commit record is flushed, so notifying commits cannot share
 * a WAL flush: measured (benchmark, private PostgreSQL, 4 x 4, RowMQ alone, 8 s windows, 2026-12-05), 9,692 and 10,046
 * msg/s with the group commit's notification, 10,832 and 10,883 without. The node is alone when its last look at the
 * node table found no other live node ({@link #othersLooked}) and no other node has been heard since: a node that
 * starts announces itself with a notification of its own, so the others start notifying as soon as it listens.
 */
final class Arrivals {

    static final String ALL = "*";
    /** The longest payload sent, in bytes (PostgreSQL's limit is 8,000); also applied in SQL by {@link PostgresPublish}. */
    static final int MAX_PAYLOAD_BYTES = 7_900;
    private static final Logger log = LoggerFactory.getLogger(Arrivals.class);

    private volatile ArrivalListener listener;
    /** Until a look says otherwise, others may listen: notifying in vain is only slower. */
    private volatile boolean alone;
    /** When another node was last heard (nanoTime), so that a look started before it cannot declare this node alone. */
    private volatile long lastHeard = System.nanoTime();
    private final StoreMetrics metrics;
    /** Queues this node has claimed from: the ones a notification meaning "all" is about, for this JVM. */
    private final Set<String> consumedQueues = ConcurrentHashMap.newKeySet();

    Arrivals(StoreMetrics metrics) {
        this.metrics = metrics;
    }

    void setListener(ArrivalListener listener) {
        this.listener = listener;
    }

    void consumedFrom(String queue) {
        consumedQueues.add(queue);
    }

    /** Calls the listener once for each distinct destination. */
    void arrived(Collection<String> destinations) {
        ArrivalListener l = listener;
        if (l == null) return;
        metrics.wokeUp(destinations.size());
        for (String d : destinations instanceof Set ? destinations : new LinkedHashSet<>(destinations)) {
            try {
                l.arrived(d);
            } catch (RuntimeException e) {
                log.warn("Arrival listener failed for {}", d, e);
            }
        }
    }

    /** Whether another node may be listening for this node's notifications; false only when this node is alone. */
    boolean othersListen() {
        return !alone;
    }

    /** A notification from another node arrived: it listens too (a node starting announces itself this way). */
    void heardFromAnotherNode() {
        lastHeard = System.nanoTime();
        alone = false;
    }

    /**
     * The outcome of a look at the node table that started at {@code startedNanos}: whether it found another live node.
     * A node heard from after the look started keeps this one notifying (its row may have come after the look read).
     */
    void othersLooked(boolean othersAlive, long startedNanos) {
        if (othersAlive) {
            alone = false;
            return;
        }
        alone = true;
        // Read after the write above: a node heard meanwhile either set alone after it, or is seen here.
        if (lastHeard - startedNanos >= 0) alone = false;
    }

    /** After missed notifications (a reconnect) or a notification meaning "all". */
    void arrivedEverywhere() {
        arrived(new ArrayList<>(consumedQueues));
    }

    static String payload(String node, Collection<String> destinations) {
        StringBuilder s = new StringBuilder(node);
        for (String d : destinations) {
            if (d.indexOf('\n') >= 0) return everywhere(node);
            s.append('\n').append(d);
        }
        String text = s.toString();
        return text.getBytes(StandardCharsets.UTF_8).length <= MAX_PAYLOAD_BYTES ? text : everywhere(node);
    }

    /** The payload meaning "all destinations" from {@code node}. */
    static String everywhere(String node) {
        return node + "\n" + ALL;
    }

    /** The sender's node id, then its destinations. */
    static List<String> parse(String payload) {
        return List.of(payload.split("\n", -1));
    }
}
