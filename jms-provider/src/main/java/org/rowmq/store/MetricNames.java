package org.rowmq.store;

/**
 * The destination a metric is recorded under. Temporary destinations and subscriptions' queues come and go with
 * connections and consumers (a request/reply client makes a temporary queue per connection): one meter or MBean each
 * would grow without bound, so each kind is recorded under one shared name, and has no depth.
 */
final class MetricNames {

    static final String TEMPORARY = "(temporary)";
    static final String SUBSCRIPTIONS = "(subscriptions)";

    private MetricNames() {
    }

    static String destination(String name) {
        if (MessageWriter.isTemporary(name)) return TEMPORARY;
        if (Subscription.isSubscriptionQueue(name)) return SUBSCRIPTIONS;
        return name;
    }

    /** Whether the name stands for one real destination, whose depth can be read. */
    static boolean hasDepth(String metricName) {
        return !metricName.equals(TEMPORARY) && !metricName.equals(SUBSCRIPTIONS);
    }
}
