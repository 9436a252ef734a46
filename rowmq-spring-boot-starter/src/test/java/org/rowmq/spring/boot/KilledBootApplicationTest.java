package org.rowmq.spring.boot;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.message.MessageCodec;
import org.rowmq.spring.boot.kill.WorkApplication;
import org.rowmq.store.StoreConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kills a Boot application ({@link WorkApplication}, in a child JVM) with {@code kill -9} while its
 * {@code @JmsListener} applies work items in database transactions (CACHE_CONSUMER, two consumers), at a random point
 * of the stream. After every kill, each item is either applied exactly once with exactly one reply and gone from its
 * queue, or not applied, without reply, and still queued (ready, or in flight under the dead node until its lease
 * runs out). A last application then drains the queue, taking over what the killed ones held, and every item ends
 * applied exactly once: none lost, none applied twice.
 *
 * <p>{@code -Drowmq.boot.kill.trials=N} for a long run (default 3 kills per database);
 * {@code -Drowmq.boot.kill.seed=S} repeats one.
 */
class KilledBootApplicationTest {
    private static final int TRIALS = Integer.getInteger("rowmq.boot.kill.trials", 3);
    private static final int ITEMS_PER_TRIAL = 60;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @ParameterizedTest
    @EnumSource(BootDatabase.class)
    void everyItemIsAppliedOnceWithItsReplyOrIsStillQueuedAfterEachKill(BootDatabase db) throws Exception {
        db.assumeReachable();
        Map<String, String> dataSource = db == BootDatabase.H2 ? sharedH2() : db.freshDataSourceProperties();
        String url = dataSource.get("spring.datasource.url");
        String user = dataSource.get("spring.datasource.username");
        long seed = Long.getLong("rowmq.boot.kill.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> args = new ArrayList<>();
        dataSource.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--example.listener.cache-level=CACHE_CONSUMER");
        // Short leases, so that what a killed application held in flight comes back within seconds.
        args.add("--rowmq.lease.heartbeat=1s");
        args.add("--rowmq.lease.timeout=4s");
        // A kill counts as a delivery: a long run must not dead-letter an item for the kills alone.
        args.add("--rowmq.destinations." + WorkApplication.WORK + ".max-deliveries=1000000");

        List<String> items = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        try (RowConnectionFactory rowmq = new RowConnectionFactory(StoreConfig.url(url, user, ""));
             Connection check = DriverManager.getConnection(url, user, "")) {
            try (Statement st = check.createStatement()) {
                st.execute("CREATE TABLE " + WorkApplication.TABLE + " (id VARCHAR(64) NOT NULL)");
            }
            for (int trial = 0; trial < TRIALS; trial++) {
                send(rowmq, trial, items);
                int before = applied(check).size();
                int killAt = before + 1 + random.nextInt(ITEMS_PER_TRIAL / 2);
                long extraNanos = random.nextInt(5_000_000);
                try (ChildApplication app = ChildApplication.start("work-" + db + "-" + trial, WorkApplication.class,
                        args)) {
                    app.awaitLine("READY", PATIENCE);
                    app.await(() -> applied(check).size() >= killAt, "apply " + killAt + " items", PATIENCE);
                    LockSupport.parkNanos(extraNanos); // somewhere in the next deliveries' transactions
                    app.kill();
                }
                int done = verify(check, items, "trial " + trial + " (seed " + seed + ")");
                outcomes.add(killAt + "+" + extraNanos / 1000 + "us->" + done);
            }
            try (ChildApplication last = ChildApplication.start("work-" + db + "-drain", WorkApplication.class, args)) {
                last.awaitLine("READY", PATIENCE);
                last.await(() -> applied(check).size() == items.size(), "apply every item", PATIENCE);
                last.stop(PATIENCE);
            }
            assertEquals(items.size(), verify(check, items, "after the drain (seed " + seed + ")"));
            assertEquals(0, rowmq.store().depth(WorkApplication.WORK), "the work queue is empty");
        }
        System.out.println("KilledBootApplicationTest " + db + ": " + TRIALS + " kills, seed " + seed
                + ", kill point (items applied + delay) -> items applied: " + outcomes);
    }

    /** A file database that both JVMs open: the first one serves it to the other (AUTO_SERVER). */
    private static Map<String, String> sharedH2() {
        Path file = Path.of("target", "boot-kill", UUID.randomUUID().toString(), "db").toAbsolutePath();
        return Map.of("spring.datasource.url", "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE",
                "spring.datasource.username", "sa",
                "spring.datasource.password", "");
    }

    private static void send(RowConnectionFactory rowmq, int trial, List<String> items) {
        try (JMSContext jms = rowmq.createContext()) {
            JMSProducer producer = jms.createProducer();
            Queue work = jms.createQueue(WorkApplication.WORK);
            for (int i = 0; i < ITEMS_PER_TRIAL; i++) {
                String item = "t" + trial + "-" + i;
                producer.send(work, item);
                items.add(item);
            }
        }
    }

    /**
     * Checks the all-or-nothing outcome of every item sent so far; returns how many are applied. Read with plain SQL,
     * so that in-flight messages (still owned by a dead node) count as queued.
     */
    private static int verify(Connection c, List<String> items, String when) throws Exception {
        Stored stored = settledView(c);
        int done = 0;
        for (String item : items) {
            int a = stored.applied().getOrDefault(item, 0);
            int r = stored.replies().getOrDefault(item, 0);
            boolean q = stored.queued().contains(item);
            if (a == 1 && r == 1 && !q) {
                done++;
            } else if (!(a == 0 && r == 0 && q)) {
                fail(when + ": item " + item + " applied " + a + " times, " + r + " replies, "
                        + (q ? "still" : "not") + " queued");
            }
        }
        return done;
    }

    /** The business rows, the replies and the items still queued, each counted per item. */
    private record Stored(Map<String, Integer> applied, Map<String, Integer> replies, Set<String> queued) {
    }

    /**
     * Reads the three until two readings in a row agree. A kill can land while the application's COMMIT is on its
     * way: the database finishes it after the process is gone, and a reading of three statements can see the item's
     * DELETE committed but not, a moment earlier, its row and reply. The dead application commits at most once more,
     * so two equal readings are one consistent state.
     */
    private static Stored settledView(Connection c) throws Exception {
        Stored previous = read(c);
        while (true) {
            Stored current = read(c);
            if (current.equals(previous)) return current;
            previous = current;
        }
    }

    private static Stored read(Connection c) throws Exception {
        Map<String, Integer> applied = applied(c);
        Map<String, Integer> replies = new HashMap<>();
        for (String body : bodies(c, WorkApplication.REPLIES)) replies.merge(body, 1, Integer::sum);
        Set<String> queued = new HashSet<>();
        for (String body : bodies(c, WorkApplication.WORK)) assertTrue(queued.add(body), "stored twice: " + body);
        return new Stored(applied, replies, queued);
    }

    /** How many times each item is in the business table. */
    private static Map<String, Integer> applied(Connection c) {
        Map<String, Integer> rows = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, COUNT(*) FROM " + WorkApplication.TABLE + " GROUP BY id")) {
            while (rs.next()) rows.put(rs.getString(1), rs.getInt(2));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + WorkApplication.TABLE, e);
        }
        return rows;
    }

    /** Bodies of every stored message of a queue, ready or in flight. */
    private static List<String> bodies(Connection c, String queue) throws Exception {
        List<String> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM rowmq_message WHERE destination = ?")) {
            ps.setString(1, queue);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) result.add(MessageCodec.decode(rs.getBytes(1)).getBody(String.class));
            }
        }
        return result;
    }
}
