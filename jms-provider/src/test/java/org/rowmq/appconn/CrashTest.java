package org.rowmq.appconn;

import jakarta.jms.JMSContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.message.MessageCodec;
import org.rowmq.testsupport.ChildJvm;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kills a child JVM with SIGKILL at random points of its consume-transform-produce loop (receive, insert a business
 * row, send a reply, commit) and proves that every request then has exactly one business row and one reply and is
 * gone from its queue, or has neither and is still in its queue (ready, or in flight under the dead node until a
 * reaper returns it).
 */
class CrashTest {
    static final int TRIALS = Integer.getInteger("rowmq.crash.trials", 20);
    static final int REQUESTS = 40;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyRequestHasExactlyOneRowAndOneReplyOrIsStillQueuedAfterAKill(TestDatabase db) throws Exception {
        // H2 is embedded: AUTO_SERVER lets the child reach the file this JVM holds open.
        TestDatabase target = db.kind() == TestDatabase.Kind.H2
                ? db.withUrl(TestDatabase.freshH2("crash").url() + ";AUTO_SERVER=TRUE") : db;
        long seed = Long.getLong("rowmq.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path logs = Files.createDirectories(Path.of("target", "crash-logs"));
        int midTransaction = 0;
        List<String> outcomes = new ArrayList<>();
        try (RowConnectionFactory cf = new RowConnectionFactory(target.config()); Connection check = target.connect()) {
            String table = AppDb.createTable(check);
            for (int trial = 0; trial < TRIALS; trial++) {
                String in = TestDatabase.unique("crash-in");
                String out = TestDatabase.unique("crash-out");
                List<String> keys = new ArrayList<>();
                try (JMSContext plain = cf.createContext()) {
                    for (int i = 0; i < REQUESTS; i++) {
                        String key = "t" + trial + "-" + i + "-" + in;
                        keys.add(key);
                        plain.createProducer().send(plain.createQueue(in), key);
                    }
                }
                int killAfter = random.nextInt(REQUESTS - 5);
                long extraNanos = random.nextInt(3_000_000);
                try (ChildJvm child = ChildJvm.builder("child-" + db.kind() + "-" + trial, ConsumeTransformProduce.class)
                        .directory(logs).args(target.url(), nullToEmpty(target.user()), nullToEmpty(target.password()),
                                in, out, table).start()) {
                    child.awaitLine(killAfter == 0 ? "READY" : "HANDLED " + killAfter, Duration.ofSeconds(60));
                    LockSupport.parkNanos(extraNanos); // somewhere inside the next receive-insert-send-commit
                    child.kill();
                }
                int handled = verify(check, table, in, out, keys, trial, seed);
                if (handled > killAfter) midTransaction++;
                outcomes.add(killAfter + "+" + extraNanos / 1000 + "us->" + handled);
            }
            AppDb.dropTable(check, table);
        }
        System.out.println("CrashTest " + db.kind() + ": " + TRIALS + " trials, seed " + seed
                + ", kill point (after n commits + delay) -> requests handled: " + outcomes);
        System.out.println("CrashTest " + db.kind() + ": in " + midTransaction + " trials the child committed again"
                + " between the chosen point and the kill");
    }

    /** Checks the all-or-nothing outcome of every request; returns how many were handled. */
    private static int verify(Connection c, String table, String in, String out, List<String> keys, int trial, long seed)
            throws Exception {
        Stored stored = settledView(c, table, in, out, trial);
        int handled = 0;
        for (String key : keys) {
            int r = stored.rows().getOrDefault(key, 0);
            int p = stored.replies().getOrDefault(key, 0);
            boolean q = stored.queued().contains(key);
            if (r == 1 && p == 1 && !q) {
                handled++;
            } else if (!(r == 0 && p == 0 && q)) {
                fail("trial " + trial + " (seed " + seed + "): request " + key + " has " + r + " rows, " + p
                        + " replies and is " + (q ? "" : "not ") + "still queued");
            }
        }
        return handled;
    }

    /** The business rows, the replies and the requests still queued, each counted per request key. */
    private record Stored(Map<String, Integer> rows, Map<String, Integer> replies, Set<String> queued) {
    }

    /**
     * Reads the three until two readings in a row agree. A kill can land while the child's COMMIT is on its way: the
     * database finishes it after the process is gone, and a reading of three statements can see the request's DELETE
     * committed but not, a moment earlier, its row and reply. The dead child commits at most once more, so two equal
     * readings are one consistent state.
     */
    private static Stored settledView(Connection c, String table, String in, String out, int trial) throws Exception {
        Stored previous = read(c, table, in, out, trial);
        while (true) {
            Stored current = read(c, table, in, out, trial);
            if (current.equals(previous)) return current;
            previous = current;
        }
    }

    private static Stored read(Connection c, String table, String in, String out, int trial) throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, COUNT(*) FROM " + table + " WHERE id LIKE ? GROUP BY id")) {
            ps.setString(1, "t" + trial + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.put(rs.getString(1), rs.getInt(2));
            }
        }
        Map<String, Integer> replies = new HashMap<>();
        for (String body : bodies(c, out)) replies.merge(body.substring("reply:".length()), 1, Integer::sum);
        Set<String> queued = new HashSet<>();
        for (String body : bodies(c, in)) assertTrue(queued.add(body), "a request is stored twice: " + body);
        return new Stored(rows, replies, queued);
    }

    /** Bodies of every stored message of a queue, ready or in flight, read with plain SQL. */
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

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
