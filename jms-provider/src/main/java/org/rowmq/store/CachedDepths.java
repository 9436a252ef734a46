package org.rowmq.store;

import jakarta.jms.JMSException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Destination depths for gauges, read from the database at most once per {@link #MAX_AGE_NANOS} per destination:
 * a monitoring system scraping every second must not add a COUNT per destination per scrape to the database's load.
 */
final class CachedDepths {

    static final long MAX_AGE_NANOS = 5_000_000_000L;

    private record Reading(long depth, long at) {
    }

    private final DepthReader reader;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    CachedDepths(DepthReader reader) {
        this.reader = reader;
    }

    /** The depth, or NaN when the database cannot be read (a gauge then shows no value rather than a wrong one). */
    double depth(String destination) {
        if (!MetricNames.hasDepth(destination)) return Double.NaN;
        Reading r = readings.get(destination);
        long now = System.nanoTime();
        if (r != null && now - r.at < MAX_AGE_NANOS) return r.depth;
        try {
            long depth = reader.depth(destination);
            readings.put(destination, new Reading(depth, now));
            return depth;
        } catch (JMSException e) {
            return Double.NaN;
        }
    }
}
