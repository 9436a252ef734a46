package org.rowmq.bench;

import jakarta.jms.Connection;
import jakarta.jms.Message;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rough figure, not a timed test: how fast N consumers drain a filled queue in each acknowledge mode, and what the
 * group committer wrote per message (commits, rows: deletes plus delivery marks). For comparing the consume paths
 * across commits on one machine, not for absolute numbers. Modes: {@code auto-receive}, {@code auto-listener},
 * {@code dups-ok}, {@code client} (acknowledge every 10th), {@code transacted} (commit every message),
 * {@code transacted-10} (commit every 10th).
 *
 * <pre>mvn -q -pl jms-provider test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.rowmq.bench.ConsumeModesBenchmark -Dexec.args="jdbc:postgresql://127.0.0.1/test postgres 1 3000"</pre>
 */
public final class ConsumeModesBenchmark {
    private static final List<String> MODES = List.of("auto-receive", "auto-listener", "dups-ok", "client", "transacted",
            "transacted-10");

    private ConsumeModesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args.length > 1 && !args[1].equals("-") ? args[1] : null;
        int consumers = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int messages = args.length > 3 ? Integer.parseInt(args[3]) : 3000;
        List<String> modes = args.length > 4 ? List.of(args[4].split(",")) : MODES;
        StoreConfig config = StoreConfig.url(url, user, "").withPoolSize(Math.max(10, consumers * 2 + 2));
        try (RowConnectionFactory cf = new RowConnectionFactory(config)) {
            for (String mode : modes) drain(cf, mode, consumers, messages);
        }
    }

    private static void drain(RowConnectionFactory cf, String mode, int consumers, int messages) throws Exception {
        String queue = "bench." + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (int i = 0; i < messages; i++) {
                p.send(s.createTextMessage("x".repeat(200)));
                if (i % 500 == 499) s.commit();
            }
            s.commit();
        }
        AtomicLong left = new AtomicLong(messages);
        CountDownLatch done = new CountDownLatch(1);
        List<Connection> connections = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        StoreStats before = cf.store().stats();
        long started = System.nanoTime();
        for (int i = 0; i < consumers; i++) {
            Connection c = cf.createConnection();
            connections.add(c);
            int ackMode = switch (mode) {
                case "dups-ok" -> Session.DUPS_OK_ACKNOWLEDGE;
                case "client" -> Session.CLIENT_ACKNOWLEDGE;
                case "transacted", "transacted-10" -> Session.SESSION_TRANSACTED;
                default -> Session.AUTO_ACKNOWLEDGE;
            };
            Session s = c.createSession(ackMode == Session.SESSION_TRANSACTED, ackMode);
            int perCommit = mode.equals("transacted-10") ? 10 : 1;
            Queue q = s.createQueue(queue);
            MessageConsumer consumer = s.createConsumer(q);
            if (mode.equals("auto-listener") || mode.equals("dups-ok")) {
                consumer.setMessageListener(m -> {
                    if (left.decrementAndGet() == 0) done.countDown();
                });
            } else {
                Thread t = new Thread(() -> {
                    try {
                        for (long n = 1; left.get() > 0; ) {
                            Message m = consumer.receive(200);
                            if (m == null) continue;
                            n++;
                            if (ackMode == Session.CLIENT_ACKNOWLEDGE && n % 10 == 1) m.acknowledge();
                            if (ackMode == Session.SESSION_TRANSACTED && (n - 1) % perCommit == 0) s.commit();
                            if (left.decrementAndGet() == 0) {
                                if (ackMode == Session.SESSION_TRANSACTED) s.commit();
                                if (ackMode == Session.CLIENT_ACKNOWLEDGE) m.acknowledge();
                                done.countDown();
                            }
                        }
                        // Another consumer took the last message: what this one received is consumed too.
                        if (ackMode == Session.SESSION_TRANSACTED) s.commit();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                threads.add(t);
            }
            c.start();
        }
        threads.forEach(Thread::start);
        boolean all = done.await(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        StoreStats after = cf.store().stats();
        for (Thread t : threads) t.join();
        for (Connection c : connections) c.close();
        long commits = after.commits() - before.commits();
        long rows = after.rows() - before.rows();
        System.out.printf("%-13s %d consumer(s): %6.0f msg/s (%d messages%s), %.2f group commits and %.2f rows per message%n",
                mode, consumers, messages / seconds, messages, all ? "" : ", NOT ALL RECEIVED", commits / (double) messages,
                rows / (double) messages);
    }
}
