package org.rowmq.tx.rowmq;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.xa.PGXADataSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.tx.TxCoordinator;

/**
 * Throughput of the consume-transform-produce loop (receive a request from queue IN, insert a business row, send a
 * reply to queue OUT, commit) done two ways on the same PostgreSQL database, in one run: RowMQ in the application's
 * own JDBC transaction (local), and RowMQ plus PostgreSQL's XADataSource as two branches of one XA transaction of
 * {@link TxCoordinator} (XA). RowMQ's store and the business tables live in the same database of a
 * {@link PrivatePostgres} cluster (XA needs {@code max_prepared_transactions} above 0), so the only difference is the
 * transaction. Each run drains {@code N} pre-filled 100-byte requests with 1 and with 4 threads and checks that it
 * produced exactly N business rows and N replies. Rough figures for notes, not a test.
 *
 * <p>In package org.rowmq.tx.rowmq because PrivatePostgres and RowmqCoordinators are package-private here.
 *
 * <p>{@code mvn -q -o -pl tx-coordinator exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.rowmq.tx.rowmq.BenchConsumeTransformProduce -Dexec.args="MESSAGES WARMUP"}
 */
public final class BenchConsumeTransformProduce {

    private static final String ROWMQ = "rowmq";
    private static final String ORDERS = "orders";
    private static final int BODY_LENGTH = 100;
    /** A worker stops when no request arrives for this long: the queue is drained. Not part of the timed span. */
    private static final long IDLE_MILLIS = 1_000;
    private static final int FILL_THREADS = 4;
    /** The benchmark's threads, RowMQ's own work (claims, acknowledgements) and the fillers, with room to spare. */
    private static final int POOL_SIZE = 16;
    /** Held: JUL keeps loggers weakly, and Narayana's INFO lines per recovery scan would bury the figures. */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("com.arjuna"), Logger.getLogger("org.flywaydb"));

    private enum Variant { LOCAL, XA }

    private final HikariDataSource pool;
    private final RowConnectionFactory local;
    private final TxCoordinator coordinator;

    private BenchConsumeTransformProduce(HikariDataSource pool, RowConnectionFactory local, TxCoordinator coordinator) {
        this.pool = pool;
        this.local = local;
        this.coordinator = coordinator;
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        try (PrivatePostgres server = PrivatePostgres.startOrSkip();
             HikariDataSource pool = pool(server.url());
             RowConnectionFactory local = new RowConnectionFactory(pool);
             RowXAConnectionFactory xa = new RowXAConnectionFactory(pool);
             TxCoordinator coordinator = RowmqCoordinators.start()) {
            System.out.println("Database: " + server.describe() + "; RowMQ's store and the business tables both in it.");
            PGXADataSource orders = new PGXADataSource();
            orders.setUrl(server.url());
            coordinator.registerXAConnectionFactory(ROWMQ, xa);
            coordinator.registerXADataSource(ORDERS, orders);
            BenchConsumeTransformProduce bench = new BenchConsumeTransformProduce(pool, local, coordinator);
            List<String> results = new ArrayList<>();
            for (Variant variant : Variant.values()) {
                bench.run(variant, 4, warmup, "warm-up");
                for (int threads : new int[]{1, 4}) results.add(bench.run(variant, threads, messages, "measured"));
            }
            System.out.println("Summary (" + messages + " messages of " + BODY_LENGTH + " bytes per run):");
            results.forEach(line -> System.out.println("  " + line));
        }
        // Narayana's and the driver's non-daemon threads would keep exec:java waiting after main returns.
        System.exit(0);
    }

    private static HikariDataSource pool(String url) {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(url); // the user is in the URL
        h.setMaximumPoolSize(POOL_SIZE);
        h.setPoolName("ctp-bench");
        return new HikariDataSource(h);
    }

    /** One run on fresh queues and a fresh business table; returns its figure after checking its outcome. */
    private String run(Variant variant, int threads, int messages, String kind) throws Exception {
        String tag = variant.name().toLowerCase() + "_" + threads + "_" + kind.replace("-", "");
        String in = "ctp.in." + tag;
        String out = "ctp.out." + tag;
        String table = "ctp_" + tag; // made here from constants, never from input
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id VARCHAR(200) PRIMARY KEY, note VARCHAR(200) NOT NULL)");
        }
        List<String> requests = requests(tag, messages);
        fill(in, requests);

        AtomicLong lastCommit = new AtomicLong();
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<Integer>> handled = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Callable<Integer> worker = variant == Variant.LOCAL
                    ? () -> localWorker(in, out, table, lastCommit)
                    : () -> xaWorker(in, out, table, lastCommit);
            handled.add(workers.submit(worker));
        }
        int total = 0;
        for (Future<Integer> f : handled) total += f.get();
        workers.shutdown();
        double seconds = (lastCommit.get() - start) / 1e9;

        check(variant, threads, kind, messages, total, requests, table, in, out);
        String line = String.format("%-5s %d thread(s): %d messages in %.1f s, %.0f msg/s", variant, threads, total,
                seconds, total / seconds);
        System.out.println(kind + ": " + line + " (checked: " + messages + " rows, " + messages + " replies, IN empty)");
        return line;
    }

    /** Request bodies of exactly {@value #BODY_LENGTH} characters, distinct, so rows and replies can be matched. */
    private static List<String> requests(String tag, int messages) {
        List<String> bodies = new ArrayList<>(messages);
        for (int i = 0; i < messages; i++) {
            StringBuilder b = new StringBuilder(tag).append('-').append(i).append('-');
            while (b.length() < BODY_LENGTH) b.append('x');
            bodies.add(b.toString());
        }
        return bodies;
    }

    private void fill(String queue, List<String> bodies) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(FILL_THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < FILL_THREADS; t++) {
            List<String> part = bodies.subList(t * bodies.size() / FILL_THREADS, (t + 1) * bodies.size() / FILL_THREADS);
            done.add(senders.submit(() -> {
                try (JMSContext ctx = local.createContext()) {
                    JMSProducer producer = ctx.createProducer();
                    Queue q = ctx.createQueue(queue);
                    for (String body : part) producer.send(q, body);
                }
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        senders.shutdown();
    }

    /** (a) RowMQ in the application's JDBC transaction: one connection and one JMSContext for the worker's life. */
    private int localWorker(String in, String out, String table, AtomicLong lastCommit) throws Exception {
        try (Connection app = pool.getConnection()) {
            app.setAutoCommit(false);
            try (JMSContext jms = local.createContext(app)) {
                JMSConsumer requests = jms.createConsumer(jms.createQueue(in));
                JMSProducer producer = jms.createProducer();
                Queue replies = jms.createQueue(out);
                int handled = 0;
                for (Message m = requests.receive(IDLE_MILLIS); m != null; m = requests.receive(IDLE_MILLIS)) {
                    String key = m.getBody(String.class);
                    insert(app, table, key);
                    producer.send(replies, "reply:" + key);
                    app.commit();
                    handled++;
                    lastCommit.accumulateAndGet(System.nanoTime(), Math::max);
                }
                return handled;
            }
        }
    }

    /**
     * (b) XA through the coordinator, as its API is meant to be used: each transaction opens its enlisted RowMQ
     * context and PostgreSQL XA connection, and the coordinator closes them after commit.
     */
    private int xaWorker(String in, String out, String table, AtomicLong lastCommit) throws Exception {
        int handled = 0;
        while (coordinator.callInTransaction(tx -> {
            JMSContext jms = tx.jms(ROWMQ);
            Message m = jms.createConsumer(jms.createQueue(in)).receive(IDLE_MILLIS);
            if (m == null) return false;
            String key = m.getBody(String.class);
            insert(tx.connection(ORDERS), table, key);
            jms.createProducer().send(jms.createQueue(out), "reply:" + key);
            return true;
        })) {
            handled++;
            lastCommit.accumulateAndGet(System.nanoTime(), Math::max);
        }
        return handled;
    }

    private static void insert(Connection c, String table, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, note) VALUES (?, ?)")) {
            ps.setString(1, key);
            ps.setString(2, "handled");
            ps.executeUpdate();
        }
    }

    /** Exactly one business row and one reply per request, nothing left in IN and no PostgreSQL branch in doubt. */
    private void check(Variant variant, int threads, String kind, int messages, int handled, List<String> requests,
                       String table, String in, String out) throws Exception {
        String run = kind + " " + variant + " with " + threads + " thread(s): ";
        require(handled == messages, run + "the workers handled " + handled + " requests, not " + messages);
        Set<String> expected = new HashSet<>(requests);
        Set<String> rows = new HashSet<>();
        try (Connection c = pool.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM " + table)) {
            int count = 0;
            while (rs.next()) {
                rows.add(rs.getString(1));
                count++;
            }
            require(count == messages, run + count + " business rows, not " + messages);
        }
        require(rows.equals(expected), run + "the business rows are not one per request");
        List<String> replies = drain(out);
        require(replies.size() == messages, run + replies.size() + " replies, not " + messages);
        Set<String> replied = new HashSet<>();
        for (String reply : replies) replied.add(reply.substring("reply:".length()));
        require(replied.equals(expected), run + "the replies are not one per request");
        require(drain(in).isEmpty(), run + "requests are left in " + in);
        try (Connection c = pool.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_prepared_xacts")) {
            rs.next();
            require(rs.getInt(1) == 0, run + rs.getInt(1) + " PostgreSQL transactions left prepared");
        }
    }

    /** Every message of the queue, consumed in transactions of a few hundred. */
    private List<String> drain(String queue) throws Exception {
        List<String> bodies = new ArrayList<>();
        try (JMSContext ctx = local.createContext(JMSContext.SESSION_TRANSACTED)) {
            JMSConsumer consumer = ctx.createConsumer(ctx.createQueue(queue));
            for (Message m = consumer.receive(IDLE_MILLIS); m != null; m = consumer.receive(IDLE_MILLIS)) {
                bodies.add(m.getBody(String.class));
                if (bodies.size() % 500 == 0) ctx.commit();
            }
            ctx.commit();
        }
        return bodies;
    }

    private static void require(boolean condition, String failure) {
        if (!condition) throw new IllegalStateException(failure);
    }
}
