package org.rowmq.store;

/**
 * A subscription as the store keeps it: its messages live in the queue named {@link #queue()}, which consumers claim
 * from like any other queue.
 */
public record Subscription(long id, String topic) {
    static final String QUEUE_PREFIX = "rowmq.sub.";

    public String queue() {
        return QUEUE_PREFIX + id;
    }

    static boolean isSubscriptionQueue(String destination) {
        return destination.startsWith(QUEUE_PREFIX);
    }

    /** The subscription id of a subscription queue name; -1 when the name is not one. */
    static long idOf(String destination) {
        if (!isSubscriptionQueue(destination)) return -1;
        try {
            return Long.parseLong(destination.substring(QUEUE_PREFIX.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
