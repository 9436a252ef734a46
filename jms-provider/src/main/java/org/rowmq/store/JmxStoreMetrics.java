package org.rowmq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The store's metrics as MBeans on the platform MBean server, the default when the application passes no Micrometer
 * registry: one {@link StoreMXBean} per store and one {@link DestinationMXBean} per destination this JVM used.
 * Unregistered when the store closes. A failure to register is logged once and costs nothing more.
 */
final class JmxStoreMetrics implements StoreMetrics, StoreMXBean {

    private static final Logger log = LoggerFactory.getLogger(JmxStoreMetrics.class);

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String node;
    private final CachedDepths depths;
    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    private final LongAdder commits = new LongAdder();
    private final LongAdder commitUnits = new LongAdder();
    private final LongAdder commitRows = new LongAdder();
    private final LongAdder commitStatements = new LongAdder();
    private final LongAccumulator maxCommitRows = new LongAccumulator(Math::max, 0);
    private final LongAdder commitNanos = new LongAdder();
    private final LongAccumulator maxCommitNanos = new LongAccumulator(Math::max, 0);
    private final LongAdder claims = new LongAdder();
    private final LongAdder emptyClaims = new LongAdder();
    private final LongAdder claimNanos = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder wakeUps = new LongAdder();
    private volatile boolean registrationFailed;

    JmxStoreMetrics(String node, DepthReader depth) {
        this.node = node;
        this.depths = new CachedDepths(depth);
        register(storeName(), this);
    }

    ObjectName storeName() {
        return name("org.rowmq:type=Store,node=" + ObjectName.quote(node));
    }

    ObjectName destinationName(String destination) {
        return name("org.rowmq:type=Destination,node=" + ObjectName.quote(node) + ",name=" + ObjectName.quote(destination));
    }

    private static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (JMException e) {
            throw new IllegalArgumentException(text, e); // quoted values always make a valid name
        }
    }

    /** A destination's counters, registered as an MBean on first use. */
    final class Destination implements DestinationMXBean {
        private final String name;
        final LongAdder sent = new LongAdder();
        final LongAdder delivered = new LongAdder();
        final LongAdder acknowledged = new LongAdder();
        final LongAdder expired = new LongAdder();
        final LongAdder redelivered = new LongAdder();
        final LongAdder deadLettered = new LongAdder();

        Destination(String name) {
            this.name = name;
        }

        @Override
        public long getSent() {
            return sent.sum();
        }

        @Override
        public long getDelivered() {
            return delivered.sum();
        }

        @Override
        public long getAcknowledged() {
            return acknowledged.sum();
        }

        @Override
        public long getExpired() {
            return expired.sum();
        }

        @Override
        public long getRedelivered() {
            return redelivered.sum();
        }

        @Override
        public long getDeadLettered() {
            return deadLettered.sum();
        }

        @Override
        public double getDepth() {
            return depths.depth(name);
        }
    }

    private Destination destination(String destinationName) {
        String name = MetricNames.destination(destinationName);
        Destination d = destinations.get(name);
        if (d != null) return d;
        return destinations.computeIfAbsent(name, n -> {
            Destination created = new Destination(n);
            register(destinationName(n), created);
            return created;
        });
    }

    private void register(ObjectName name, Object bean) {
        if (registrationFailed) return;
        try {
            server.registerMBean(bean, name);
        } catch (JMException e) {
            registrationFailed = true;
            log.warn("RowMQ could not register its MBean {}; its JMX metrics are incomplete: {}", name, e.toString());
        }
    }

    @Override
    public void sent(List<OutgoingMessage> messages) {
        for (OutgoingMessage m : messages) destination(m.destination()).sent.increment();
    }

    @Override
    public void claimed(String queue, int messages, long nanos) {
        claims.increment();
        claimNanos.add(nanos);
        if (messages == 0) emptyClaims.increment();
    }

    @Override
    public void delivered(String destination) {
        destination(destination).delivered.increment();
    }

    @Override
    public void acknowledged(String destination, int messages) {
        acknowledged.add(messages);
        destination(destination).acknowledged.add(messages);
    }

    @Override
    public void redelivered(String destination, int messages) {
        destination(destination).redelivered.add(messages);
    }

    @Override
    public void deadLettered(String destination, int messages) {
        destination(destination).deadLettered.add(messages);
    }

    @Override
    public void expired(String destination, int messages) {
        expired.add(messages);
        destination(destination).expired.add(messages);
    }

    @Override
    public void groupCommitted(int units, int rows, int statements, long nanos) {
        commits.increment();
        commitUnits.add(units);
        commitRows.add(rows);
        commitStatements.add(statements);
        maxCommitRows.accumulate(rows);
        commitNanos.add(nanos);
        maxCommitNanos.accumulate(nanos);
    }

    @Override
    public void wokeUp(int destinations) {
        wakeUps.add(destinations);
    }

    @Override
    public void close() {
        unregister(storeName());
        for (String d : destinations.keySet()) unregister(destinationName(d));
    }

    private void unregister(ObjectName name) {
        try {
            if (server.isRegistered(name)) server.unregisterMBean(name);
        } catch (JMException e) {
            log.debug("RowMQ could not unregister {}", name, e);
        }
    }

    // ---- StoreMXBean ---------------------------------------------------------------------------------------------

    @Override
    public long getGroupCommits() {
        return commits.sum();
    }

    @Override
    public double getMeanRowsPerCommit() {
        return perCommit(commitRows);
    }

    @Override
    public double getMeanStatementsPerCommit() {
        return perCommit(commitStatements);
    }

    @Override
    public double getMeanUnitsPerCommit() {
        return perCommit(commitUnits);
    }

    /** A total's mean per group commit (0 before the first). */
    private double perCommit(LongAdder total) {
        long n = commits.sum();
        return n == 0 ? 0 : (double) total.sum() / n;
    }

    @Override
    public long getMaxRowsPerCommit() {
        return maxCommitRows.get();
    }

    @Override
    public double getMeanCommitMillis() {
        long n = commits.sum();
        return n == 0 ? 0 : commitNanos.sum() / 1e6 / n;
    }

    @Override
    public double getMaxCommitMillis() {
        return maxCommitNanos.get() / 1e6;
    }

    @Override
    public long getClaims() {
        return claims.sum();
    }

    @Override
    public long getEmptyClaims() {
        return emptyClaims.sum();
    }

    @Override
    public double getMeanClaimMillis() {
        long n = claims.sum();
        return n == 0 ? 0 : claimNanos.sum() / 1e6 / n;
    }

    @Override
    public long getAcknowledged() {
        return acknowledged.sum();
    }

    @Override
    public long getExpired() {
        return expired.sum();
    }

    @Override
    public long getWakeUps() {
        return wakeUps.sum();
    }
}
