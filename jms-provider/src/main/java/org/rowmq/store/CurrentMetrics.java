package org.rowmq.store;

import java.util.List;

/**
 * The one recorder every part of a store reports to (group committer, redelivery, housekeeping, arrivals, claims),
 * forwarding to the {@link StoreMetrics} in use: JMX from the start, a Micrometer registry once the application passes
 * one. Switching is one volatile write here instead of one per part; a hook reads the field once and costs nothing
 * more. Sends and acknowledgements also go to the node's {@link TrafficCounters}, whichever recorder is in use.
 */
final class CurrentMetrics implements StoreMetrics {

    private final TrafficCounters traffic;
    private volatile StoreMetrics target = StoreMetrics.NONE;

    CurrentMetrics(TrafficCounters traffic) {
        this.traffic = traffic;
    }

    /** Records into {@code next} from now on; returns the previous recorder, for the caller to close. */
    StoreMetrics use(StoreMetrics next) {
        StoreMetrics previous = target;
        target = next;
        return previous;
    }

    @Override
    public void sent(List<OutgoingMessage> messages) {
        traffic.sent(messages);
        target.sent(messages);
    }

    @Override
    public void claimed(String queue, int messages, long nanos) {
        target.claimed(queue, messages, nanos);
    }

    @Override
    public void delivered(String destination) {
        target.delivered(destination);
    }

    @Override
    public void acknowledged(String destination, int messages) {
        traffic.acknowledged(destination, messages);
        target.acknowledged(destination, messages);
    }

    @Override
    public void redelivered(String destination, int messages) {
        target.redelivered(destination, messages);
    }

    @Override
    public void deadLettered(String destination, int messages) {
        target.deadLettered(destination, messages);
    }

    @Override
    public void expired(String destination, int messages) {
        target.expired(destination, messages);
    }

    @Override
    public void groupCommitted(int units, int rows, int statements, long nanos) {
        target.groupCommitted(units, rows, statements, nanos);
    }

    @Override
    public void wokeUp(int destinations) {
        target.wokeUp(destinations);
    }

    @Override
    public void close() {
        target.close();
    }
}
