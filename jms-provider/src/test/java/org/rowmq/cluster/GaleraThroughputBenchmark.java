package org.rowmq.cluster;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.GaleraCluster;
import org.rowmq.testsupport.TestDatabase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One run of the same workload on one MariaDB server and on a three-node Galera cluster (one JVM with a store per
 * node, producers and consumers spread over the nodes), printed, not asserted: run by hand with
 * {@code -Dtest=GaleraThroughputBenchmark}. Workload: {@value #PRODUCERS} producer threads each sending
 * {@value #PER_PRODUCER} persistent 100-byte messages (group-committed) while {@value #CONSUMERS} AUTO_ACKNOWLEDGE
 * consumer threads receive them; the figure is messages sent and received per second, first send to last receipt.
 */
class GaleraThroughputBenchmark {
    private static final int PRODUCERS = 6;
    private static final int CONSUMERS = 6;
    private static final int PER_PRODUCER = Integer.getInteger("rowmq.bench.messages", 3_000);

    @Test
    void oneServerBesideThreeGaleraNodes() throws Exception {
        double single;
        try (GaleraCluster server = GaleraCluster.single(26400)) {
            single = run(server, "one MariaDB server");
        }
        double galera;
        try (GaleraCluster cluster = GaleraCluster.start(3, 26500)) {
            galera = run(cluster, "three Galera nodes");
        }
        System.out.printf("Throughput: one MariaDB server %.0f msg/s, three Galera nodes %.0f msg/s (%.0f%% of it)%n",
                single, galera, 100 * galera / single);
    }

    private static double run(GaleraCluster db, String what) throws Exception {
        String queue = TestDatabase.unique("bench.galera");
        List<RowConnectionFactory> factories = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        ExecutorService pool = Executors.newCachedThreadPool();
        int total = PRODUCERS * PER_PRODUCER;
        AtomicInteger received = new AtomicInteger();
        byte[] body = new byte[100];
        try {
            for (int node = 0; node < db.size(); node++) {
                RowConnectionFactory f = new RowConnectionFactory(StoreConfig.url(db.url(node), "root", "").withPoolSize(16));
                factories.add(f);
                Connection c = f.createConnection();
                c.start();
                connections.add(c);
            }
            long started = System.nanoTime();
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < CONSUMERS; i++) {
                Connection c = connections.get(i % connections.size());
                tasks.add(pool.submit(() -> {
                    Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
                    while (received.get() < total) {
                        Message m = consumer.receive(200);
                        if (m != null) received.incrementAndGet();
                    }
                    s.close();
                    return null;
                }));
            }
            for (int i = 0; i < PRODUCERS; i++) {
                Connection c = connections.get(i % connections.size());
                tasks.add(pool.submit(() -> {
                    Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer producer = s.createProducer(s.createQueue(queue));
                    for (int n = 0; n < PER_PRODUCER; n++) {
                        var m = s.createBytesMessage();
                        m.writeBytes(body);
                        producer.send(m);
                    }
                    s.close();
                    return null;
                }));
            }
            for (Future<?> t : tasks) t.get(600, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals(total, received.get());
            double rate = total / seconds;
            System.out.printf("%s: %d messages sent and received in %.1f s: %.0f msg/s%n", what, total, seconds, rate);
            return rate;
        } finally {
            for (Connection c : connections) c.close();
            for (RowConnectionFactory f : factories) f.close();
            pool.shutdownNow();
        }
    }
}
