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
 */
final class Arrivals {

    static final String ALL = "*";
    /** The longest payload sent, in bytes (PostgreSQL's limit is 8,000); also applied in SQL by {@link PostgresPublish}. */
    static final int MAX_PAYLOAD_BYTES = 7_900;
    private static final Logger log = LoggerFactory.getLogger(Arrivals.class);

    private volatile ArrivalListener listener;
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
