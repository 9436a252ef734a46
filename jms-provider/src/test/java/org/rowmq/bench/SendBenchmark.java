package org.rowmq.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.store.StoreStats;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * A first rough figure, not a timed test: non-transacted sends per second of a 1 KiB BytesMessage with four int/long properties, from N producers with a connection and session
 * each, then the same queue drained by N AUTO_ACKNOWLEDGE consumers. Prints messages per second and the group
 * committer's rows per commit. The fifth argument is the delivery mode: {@code persistent} (the default; each send
 * returns when its row is durable) or {@code non-persistent} (each send returns when its row is handed to the store).
 *
 * <pre>mvn -q -pl jms-provider test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.rowmq.bench.SendBenchmark -Dexec.args="jdbc:postgresql://127.0.0.1/test postgres 8 10 non-persistent"</pre>
 */
public final class SendBenchmark {
    private SendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args.length > 1 && !args[1].equals("-") ? args[1] : null;
        int producers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        boolean persistent = args.length <= 4 || !args[4].equals("non-persistent");
        StoreConfig config = StoreConfig.url(url, user, "").withPoolSize(Math.max(10, producers * 2 + 2));
        try (RowConnectionFactory cf = new RowConnectionFactory(config)) {
            String queue = "bench." + UUID.randomUUID().toString().substring(0, 8);
            byte[] body = new byte[1024];
            AtomicBoolean running = new AtomicBoolean(true);
            LongAdder sent = new LongAdder();
            List<Thread> threads = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(producers);
            for (int i = 0; i < producers; i++) {
                int producer = i;
                Thread t = new Thread(() -> {
                    try (Connection c = cf.createConnection()) {
                        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        Queue q = s.createQueue(queue);
                        MessageProducer p = s.createProducer(q);
                        p.setDeliveryMode(persistent ? DeliveryMode.PERSISTENT : DeliveryMode.NON_PERSISTENT);
                        started.countDown();
                        for (long n = 0; running.get(); n++) {
                            BytesMessage m = s.createBytesMessage();
                            m.writeBytes(body);
                            m.setIntProperty("producer", producer);
                            m.setLongProperty("sequence", n);
                            m.setIntProperty("kind", 1);
                            m.setLongProperty("sentAt", System.nanoTime());
                            p.send(m);
                            sent.increment();
                        }
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                });
                threads.add(t);
                t.start();
            }
            started.await();
            Thread.sleep(2000); // warm-up
            StoreStats before = cf.store().stats();
            long sentBefore = sent.sum();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long sentCount = sent.sum() - sentBefore;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            StoreStats after = cf.store().stats();
            running.set(false);
            for (Thread t : threads) t.join();
            double rowsPerCommit = (double) (after.rows() - before.rows()) / Math.max(1, after.commits() - before.commits());
            System.out.printf("%s producers=%d: %.0f %s sends/s over %.1f s, %.1f rows per commit%n",
                    url, producers, sentCount / elapsed, persistent ? "persistent" : "non-persistent", elapsed,
                    rowsPerCommit);

            long backlog = cf.store().depth(queue);
            StoreStats beforeDrain = cf.store().stats();
            LongAdder received = new LongAdder();
            long d0 = System.nanoTime();
            List<Thread> consumers = new ArrayList<>();
            for (int i = 0; i < producers; i++) {
                Thread t = new Thread(() -> {
                    try (Connection c = cf.createConnection()) {
                        c.start();
                        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
                        while (consumer.receive(500) != null) received.increment();
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                });
                consumers.add(t);
                t.start();
            }
            for (Thread t : consumers) t.join();
            double drain = (System.nanoTime() - d0) / 1e9 - 0.5; // the last receive's timeout is not work
            StoreStats afterDrain = cf.store().stats();
            System.out.printf("%s consumers=%d: drained %d of %d in %.1f s: %.0f receives/s (AUTO_ACKNOWLEDGE), %.1f rows per commit, %.1f messages per claim%n",
                    url, producers, received.sum(), backlog, drain, received.sum() / drain,
                    (double) (afterDrain.rows() - beforeDrain.rows()) / Math.max(1, afterDrain.commits() - beforeDrain.commits()),
                    (double) (afterDrain.claimedMessages() - beforeDrain.claimedMessages()) / Math.max(1, afterDrain.claims() - beforeDrain.claims()));
        }
    }
}
