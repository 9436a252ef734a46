package org.rowmq.bench;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A figure, not a timed test: consumption of grouped against ungrouped messages, in the same run on the same database.
 * Each round fills a fresh queue with {@code messages} small TextMessages (transactions of 500), grouped ones spread
 * over {@code groups} groups sent interleaved, then times {@code consumers} AUTO_ACKNOWLEDGE consumers (one session and
 * thread each, one JVM) draining it. Rounds alternate ungrouped and grouped; prints each round and min/median/max per
 * kind. The queues are deleted afterwards.
 *
 * <pre>mvn -q -pl jms-provider test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.rowmq.bench.GroupThroughputBenchmark \
 *   -Dexec.args="jdbc:postgresql://127.0.0.1/test postgres 10000 100 4 3"</pre>
 * (url, user or -, messages per round, groups, consumers, rounds per kind)
 */
public final class GroupThroughputBenchmark {
    private GroupThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args.length > 1 && !args[1].equals("-") ? args[1] : null;
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int groups = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int consumers = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        String prefix = "bench.groups." + UUID.randomUUID().toString().substring(0, 8) + ".";
        Map<String, List<Double>> rates = new TreeMap<>();
        try (RowConnectionFactory cf = new RowConnectionFactory(StoreConfig.url(url, user, ""));
             Connection c = cf.createConnection()) {
            c.start();
            for (int round = 0; round < rounds * 2; round++) {
                boolean grouped = round % 2 == 1;
                String kind = grouped ? "grouped (" + groups + " groups)" : "ungrouped";
                Queue q = c.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue(prefix + round);
                fill(c, q, messages, grouped ? groups : 0);
                long start = System.nanoTime();
                drain(c, q, messages, consumers);
                double seconds = (System.nanoTime() - start) / 1e9;
                double rate = messages / seconds;
                rates.computeIfAbsent(kind, k -> new ArrayList<>()).add(rate);
                System.out.printf("round %d, %s: %d messages, %d consumers, %.2f s, %.0f msg/s%n",
                        round + 1, kind, messages, consumers, seconds, rate);
            }
        } finally {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, "");
                 PreparedStatement ps = c.prepareStatement("DELETE FROM rowmq_message WHERE destination LIKE ?")) {
                ps.setString(1, prefix + "%");
                ps.executeUpdate();
            }
        }
        rates.forEach((kind, list) -> {
            List<Double> sorted = new ArrayList<>(list);
            Collections.sort(sorted);
            System.out.printf("%s: min %.0f, median %.0f, max %.0f msg/s over %d rounds%n", kind, sorted.get(0),
                    sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), sorted.size());
        });
    }

    private static void fill(Connection c, Queue q, int messages, int groups) throws Exception {
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer p = tx.createProducer(q);
        for (int i = 0; i < messages; i++) {
            TextMessage m = tx.createTextMessage("message " + i);
            if (groups > 0) {
                m.setStringProperty("JMSXGroupID", "g" + (i % groups));
                m.setIntProperty("JMSXGroupSeq", i / groups);
            }
            p.send(m);
            if (i % 500 == 499) tx.commit();
        }
        tx.commit();
        tx.close();
    }

    private static void drain(Connection c, Queue q, int messages, int consumers) throws Exception {
        AtomicInteger left = new AtomicInteger(messages);
        ExecutorService pool = Executors.newFixedThreadPool(consumers);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < consumers; i++) {
                running.add(pool.submit(() -> {
                    Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageConsumer consumer = s.createConsumer(q);
                    while (left.get() > 0) {
                        Message m = consumer.receive(100);
                        if (m != null) left.decrementAndGet();
                    }
                    s.close();
                    return null;
                }));
            }
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
