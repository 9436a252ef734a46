package org.rowmq.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The store's metrics in the application's Micrometer registry, named in Micrometer's conventions (dot-separated,
 * lower case, the registry adapts them: rowmq.messages.sent becomes rowmq_messages_sent_total in Prometheus):
 * <ul>
 *   <li>per destination (tag {@code destination}; temporary destinations and subscriptions' queues
 *       each under one shared name, see {@link MetricNames}): rowmq.messages.sent, rowmq.messages.delivered (handed
 *       to the application: prefetched messages returned unseen are not counted), rowmq.messages.acknowledged,
 *       rowmq.messages.redelivered, rowmq.messages.dead.lettered, rowmq.messages.expired (counters),
 *       rowmq.destination.depth (gauge, read from the database at most every 5 s);</li>
 *   <li>the store: rowmq.group.commit.units and rowmq.group.commit.rows (distributions per commit),
 *       rowmq.group.commit.latency and rowmq.claim.latency (timers), rowmq.claims with tag result=messages|empty
 *       (empty claims are the polls that found nothing), rowmq.wakeups (arrivals that woke consumers).</li>
 * </ul>
 * Every meter carries the tag {@code node} (this JVM's node id). HikariCP's own pool metrics (hikaricp.connections.*)
 * go to the same registry when RowMQ runs its own pool.
 */
public final class MicrometerStoreMetrics implements StoreMetrics {

    private final MeterRegistry registry;
    private final Tags node;
    private final CachedDepths depths;
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Counter claimsWithMessages;
    private final Counter emptyClaims;
    private final Counter wakeups;
    private final DistributionSummary commitUnits;
    private final DistributionSummary commitRows;
    private final DistributionSummary commitStatements;
    private final Timer commitLatency;
    private final Timer claimLatency;

    public MicrometerStoreMetrics(MeterRegistry registry, String nodeId, DepthReader depth) {
        this.registry = registry;
        this.node = Tags.of("node", nodeId);
        this.depths = new CachedDepths(depth);
        this.claimsWithMessages = Counter.builder("rowmq.claims").tags(node).tag("result", "messages").register(registry);
        this.emptyClaims = Counter.builder("rowmq.claims").tags(node).tag("result", "empty").register(registry);
        this.wakeups = Counter.builder("rowmq.wakeups").tags(node).register(registry);
        this.commitUnits = DistributionSummary.builder("rowmq.group.commit.units").baseUnit("units").tags(node)
                .description("callers' work units (sends, acknowledgements, transaction commits) per database commit")
                .register(registry);
        this.commitRows = DistributionSummary.builder("rowmq.group.commit.rows").baseUnit("rows").tags(node)
                .description("rows written (messages inserted, acknowledgements deleted) per database commit")
                .register(registry);
        this.commitStatements = DistributionSummary.builder("rowmq.group.commit.statements").baseUnit("statements")
                .tags(node).description("statements sent per database commit, the commit included")
                .register(registry);
        this.commitLatency = Timer.builder("rowmq.group.commit.latency").tags(node).register(registry);
        this.claimLatency = Timer.builder("rowmq.claim.latency").tags(node).register(registry);
    }

    private Counter counter(String name, String destinationName) {
        String destination = MetricNames.destination(destinationName);
        gauge(destination);
        return counters.computeIfAbsent(name + '\n' + destination,
                k -> Counter.builder(name).tags(node).tag("destination", destination).register(registry));
    }

    private void gauge(String destination) {
        if (MetricNames.hasDepth(destination) && gauged.add(destination)) {
            Gauge.builder("rowmq.destination.depth", depths, d -> d.depth(destination)).tags(node)
                    .tag("destination", destination).description("messages stored (ready or in flight)").register(registry);
        }
    }

    @Override
    public void sent(List<OutgoingMessage> messages) {
        for (OutgoingMessage m : messages) counter("rowmq.messages.sent", m.destination()).increment();
    }

    @Override
    public void claimed(String queue, int messages, long nanos) {
        claimLatency.record(nanos, TimeUnit.NANOSECONDS);
        if (messages == 0) {
            emptyClaims.increment();
            return;
        }
        claimsWithMessages.increment();
    }

    @Override
    public void delivered(String destination) {
        counter("rowmq.messages.delivered", destination).increment();
    }

    @Override
    public void acknowledged(String destination, int messages) {
        counter("rowmq.messages.acknowledged", destination).increment(messages);
    }

    @Override
    public void redelivered(String destination, int messages) {
        counter("rowmq.messages.redelivered", destination).increment(messages);
    }

    @Override
    public void deadLettered(String destination, int messages) {
        counter("rowmq.messages.dead.lettered", destination).increment(messages);
    }

    @Override
    public void expired(String destination, int messages) {
        counter("rowmq.messages.expired", destination).increment(messages);
    }

    @Override
    public void groupCommitted(int units, int rows, int statements, long nanos) {
        commitUnits.record(units);
        commitRows.record(rows);
        commitStatements.record(statements);
        commitLatency.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void wokeUp(int destinations) {
        wakeups.increment(destinations);
    }

    @Override
    public void close() {
        // Meters stay in the application's registry: removing them would drop counts a scrape has not read yet.
    }
}
