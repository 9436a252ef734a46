package org.rowmq.appconn;

import jakarta.jms.JMSContext;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of the consume-transform-produce loop in the application's transaction (receive, insert a business row,
 * send a reply, commit the JDBC connection), with 1 and 4 application threads each holding its own connection.
 * Rough figures for notes, not a test.
 *
 * <p>{@code mvn -q -pl jms-provider test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.rowmq.appconn.ConsumeTransformProduceBenchmark -Dexec.args="URL USER MESSAGES"}
 */
public final class ConsumeTransformProduceBenchmark {

    private ConsumeTransformProduceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // By default this run's own test schema, so that the shared database's other schemas are left alone.
        String url = args.length > 0 ? args[0] : TestDatabase.postgresql().url();
        String user = args.length > 1 ? args[1] : "postgres";
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        try (RowConnectionFactory cf = new RowConnectionFactory(url, user, null);
             Connection setup = DriverManager.getConnection(url, user, null)) {
            String table = AppDb.createTable(setup);
            for (int threads : new int[]{1, 4}) {
                String in = TestDatabase.unique("ctp-in");
                String out = TestDatabase.unique("ctp-out");
                fill(cf, in, messages);
                double rate = loop(cf, url, user, in, out, table, threads);
                System.out.printf("consume-transform-produce, %d thread(s): %d messages, %.0f msg/s (each: receive,"
                        + " insert, send, commit)%n", threads, messages, rate);
            }
            AppDb.dropTable(setup, table);
        }
    }

    private static void fill(RowConnectionFactory cf, String queue, int messages) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int from = t * messages / 8;
            int to = (t + 1) * messages / 8;
            done.add(senders.submit(() -> {
                try (JMSContext ctx = cf.createContext()) {
                    for (int i = from; i < to; i++) ctx.createProducer().send(ctx.createQueue(queue), "request-" + i);
                }
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        senders.shutdown();
    }

    private static double loop(RowConnectionFactory cf, String url, String user, String in, String out, String table,
                               int threads) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        AtomicLong lastCommit = new AtomicLong();
        long start = System.nanoTime();
        List<Future<Integer>> handled = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            handled.add(workers.submit(() -> {
                try (Connection app = DriverManager.getConnection(url, user, null)) {
                    app.setAutoCommit(false);
                    try (JMSContext jms = cf.createContext(app)) {
                        return ConsumeTransformProduce.run(jms, app, in, out, table, 1_000,
                                n -> lastCommit.accumulateAndGet(System.nanoTime(), Math::max));
                    }
                }
            }));
        }
        int total = 0;
        for (Future<Integer> f : handled) total += f.get();
        workers.shutdown();
        return total / ((lastCommit.get() - start) / 1e9);
    }
}
