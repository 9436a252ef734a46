package org.rowmq.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.rowmq.store.StoreStats;

/**
 * One workload against one opened provider: consumers first (durable subscriptions exist before the first send),
 * then producers; a warm-up, the measured window, then the producers stop and the consumers drain everything that
 * was sent, so that every message is accounted for as received once, lost or duplicated.
 */
final class LoadRun {

    /**
     * @param backlog      closed loop: producers pause while more than this many messages are unreceived
     * @param drainTimeout how long the consumers may take to receive what is left after the producers stopped
     * @param fixedRate    messages per second for a fixed-rate workload (all producers together)
     */
    record Settings(Duration warmup, Duration window, long backlog, Duration drainTimeout, double fixedRate) {
    }

    /** Starts the producers of a run that keeps them elsewhere (another JVM); see {@link ProducerJvm}. */
    interface RemoteProducers extends AutoCloseable {
        /** Stops them and returns how many messages each had sent durably. */
        long[] stop() throws Exception;
    }

    interface RemoteLauncher {
        /** @param destination the name of the run's queue or topic (whose durable subscriptions exist already) */
        RemoteProducers start(Broker broker, Workload workload, String destination, Settings settings, int run,
                              Ledger ledger) throws Exception;
    }

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);

    private LoadRun() {
    }

    /** Until the first of {@code consumers} consumers is ready (or one failed). */
    private static void awaitFirst(CountDownLatch ready, int consumers, Failure failure) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ready.getCount() == consumers) {
            failure.throwIfHappened();
            if (System.nanoTime() > until) throw new IllegalStateException("the first consumer did not start");
            Thread.sleep(1);
        }
    }

    /** @param cpu reads CPU time around the window, or null */
    static RunResult run(Broker broker, Workload workload, Settings settings, int run, RemoteLauncher launcher,
                         CpuMeter cpu) throws Exception {
        ConnectionFactory factory = broker.connectionFactory();
        String name = "bench" + run + workload.id().replaceAll("[^a-z0-9]", "");
        Destination destination;
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            destination = workload.destination(s, name);
        }
        Ledger ledger = new Ledger(workload.producers(), workload.copies());
        Failure failure = new Failure();
        ConcurrentHistogram latency = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        // The schedule begins once every producer thread had the time to open its connection.
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        long windowStart = start + settings.warmup().toNanos();
        long windowEnd = windowStart + settings.window().toNanos();
        long[] latencyWindow = {windowStart, windowEnd};

        CountDownLatch ready = new CountDownLatch(workload.consumers());
        Consumer.Shared shared = new Consumer.Shared(ledger, latency, latencyWindow, failure, ready);
        List<Consumer> consumers = new ArrayList<>();
        List<Thread> consumerThreads = new ArrayList<>();
        for (int i = 0; i < workload.consumers(); i++) {
            String subscriber = workload.topic() ? name + "sub" + i : null;
            Consumer consumer = new Consumer(factory, destination, i, workload.transaction(), subscriber, shared);
            consumers.add(consumer);
            consumerThreads.add(start("consumer-" + i, consumer));
            // Artemis creates a topic's address with its first subscription; ten subscribing at once once raced that
            // creation ("Address Does Not Exist" for one of them), so the first subscribes before the others.
            if (i == 0 && workload.topic()) awaitFirst(ready, workload.consumers(), failure);
        }
        if (!ready.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("consumers did not start");
        failure.throwIfHappened();

        LongAdder sending = new LongAdder();
        Producer.Flow flow = new Producer.Flow() {
            @Override
            public long outstanding() {
                return sending.sum() - ledger.receivedPerCopy();
            }

            @Override
            public void sending() {
                sending.increment();
            }

            @Override
            public void sent(int producer, long count) {
                ledger.sent(producer, count);
            }
        };
        long period = workload.fixedRate() ? (long) (1e9 / settings.fixedRate()) : 0;
        List<Producer> producers = new ArrayList<>();
        List<Thread> producerThreads = new ArrayList<>();
        RemoteProducers remote = null;
        if (workload.separateJvm()) {
            remote = launcher.start(broker, workload, name, settings, run, ledger);
            start = System.nanoTime();
            windowStart = start + settings.warmup().toNanos();
            windowEnd = windowStart + settings.window().toNanos();
        } else {
            for (int i = 0; i < workload.producers(); i++) {
                Producer.Plan plan = new Producer.Plan(i, workload.producers(), workload.transaction(),
                        workload.bodyBytes(), run, settings.backlog(), period, start);
                Producer producer = new Producer(factory, destination, plan, flow, failure);
                producers.add(producer);
                producerThreads.add(start("producer-" + i, producer));
            }
        }

        StoreStats storeBefore, storeAfter;
        DbCounters dbBefore, dbAfter;
        CpuMeter.Reading cpuBefore = null, cpuAfter = null;
        long receivedBefore, receivedAfter, measuredFrom, measuredTo;
        try {
            sleepUntil(windowStart, failure);
            storeBefore = broker.storeStats();
            dbBefore = DbCounters.read(broker.database());
            receivedBefore = ledger.received();
            if (cpu != null) cpuBefore = cpu.read();
            measuredFrom = System.nanoTime();
            sleepUntil(windowEnd, failure);
            receivedAfter = ledger.received();
            if (cpu != null) cpuAfter = cpu.read();
            measuredTo = System.nanoTime();
            storeAfter = broker.storeStats();
            dbAfter = DbCounters.read(broker.database());

            if (remote != null) {
                long[] sent = remote.stop();
                for (int p = 0; p < sent.length; p++) ledger.sent(p, sent[p]);
            }
            producers.forEach(Producer::stop);
            for (Thread t : producerThreads) t.join(TimeUnit.SECONDS.toMillis(60));
            long drainUntil = System.nanoTime() + settings.drainTimeout().toNanos();
            while (ledger.missing() > 0 && System.nanoTime() < drainUntil && !failure.happened())
                Thread.sleep(20);
            // A duplicate may follow the last missing message: give it the time of a few receive polls to show up.
            Thread.sleep(300);
        } finally {
            producers.forEach(Producer::stop);
            consumers.forEach(Consumer::finish);
            for (Thread t : consumerThreads) t.join(TimeUnit.SECONDS.toMillis(60));
            if (remote != null) remote.close();
        }
        failure.throwIfHappened();
        double seconds = (measuredTo - measuredFrom) / 1e9;
        double rate = (receivedAfter - receivedBefore) / seconds / workload.copies();
        return new RunResult(rate, receivedAfter - receivedBefore, ledger.sentTotal(), ledger.lost(),
                ledger.duplicates(), workload.fixedRate() ? latency : null,
                StoreDelta.between(storeBefore, storeAfter),
                dbBefore == null || dbAfter == null ? null : dbAfter.minus(dbBefore),
                cpuBefore == null ? null : cpuAfter.minus(cpuBefore));
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void sleepUntil(long deadline, Failure failure) throws InterruptedException {
        long wait;
        while ((wait = deadline - System.nanoTime()) > 0 && !failure.happened())
            TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(50)));
        failure.throwIfHappened();
    }
}
