package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.DestinationSettings;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.ChildJvm;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The crash loop with message groups: again and again, groups receive more messages, a consumer JVM (transacted, one
 * commit per message) takes them and is killed with SIGKILL at a random moment, and the next JVM continues the groups
 * once the dead one is reaped. Nothing is lost or duplicated after a commit ({@link CrashLedger}), and each group is
 * received in its sequence: after a message of a group, the next receipt of that group is the same message again (the
 * redelivery of the one in flight at a kill) or the next one, never another.
 *
 * <p>Three kills per database by default, to keep the suite short; {@code -Drowmq.groups.crashloop.iterations=20} for
 * the long run, {@code -Drowmq.groups.crashloop.seed=S} to replay the kill moments of an earlier run.
 */
class GroupCrashLoopTest {
    private static final int ITERATIONS = Integer.getInteger("rowmq.groups.crashloop.iterations", 3);
    private static final int GROUPS = 5;
    private static final int PER_GROUP = 8;
    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static final Duration LEASE = Duration.ofSeconds(1);

    static Stream<TestDatabase> databases() {
        return SharedDatabases.all("group-crash");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void killedConsumersKeepEachGroupInSequenceAndLoseNothing(TestDatabase db) throws Exception {
        long seed = Long.getLong("rowmq.groups.crashloop.seed", System.nanoTime());
        Random random = new Random(seed);
        Path dir = SharedDatabases.directory("group-crash", db);
        System.out.println("group crash loop on " + db + ": seed " + seed + ", files in " + dir);
        StoreConfig config = db.config(HEARTBEAT, LEASE);
        CrashLedger ledger = new CrashLedger();
        List<Consumption> received = new ArrayList<>();
        int kills = 0;
        try (java.sql.Connection holdsH2Server = db.connect();
             RowConnectionFactory factory = new RowConnectionFactory(config);
             Connection connection = factory.createConnection()) {
            Queue queue = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue(TestDatabase.unique("procs.group-crash"));
            factory.configureDestination(queue.getQueueName(),
                    DestinationSettings.DEFAULTS.withMaxDeliveries(1_000, TestDatabase.unique("procs.group-crash.dlq")));

            for (int iteration = 1; iteration <= ITERATIONS; iteration++) {
                ledger.sent(MessageGroupsAcrossJvmsTest.sendInterleaved(connection, queue, GROUPS, PER_GROUP,
                        (iteration - 1) * PER_GROUP));
                String name = "consumer-" + iteration;
                Path records = dir.resolve(name + ".records");
                try (ChildJvm consumer = ChildJvm.builder(name, CrashingConsumerMain.class).directory(dir)
                        .properties(ChildStore.properties(config, RowConnectionFactory.DEFAULT_PREFETCH))
                        .args(queue.getQueueName(), records.toString()).start()) {
                    consumer.awaitLine("READY", Duration.ofSeconds(60));
                    CrashLoopTest.awaitReceipts(consumer, records, 1 + random.nextInt(GROUPS * PER_GROUP));
                    Thread.sleep(random.nextInt(15));
                    consumer.kill();
                    kills++;
                    List<Consumption> recorded = Consumption.read(name, records);
                    ledger.add(recorded, true);
                    received.addAll(recorded);
                }
                List<String> inQueue = SharedDatabases.awaitNothingInFlight(db, factory, connection, queue, 30_000);
                CrashLedger.Verdict verdict = ledger.check(inQueue);
                checkSequences(received);
                System.out.println("  " + db + " iteration " + iteration + ": " + inQueue.size() + " in the queue, "
                        + verdict.received() + " receipts so far, " + verdict.redeliveries() + " redeliveries, "
                        + verdict.committedAtKill().size() + " committed at the kill");
            }

            List<Consumption> drained = CrashLoopTest.drain(connection, queue);
            ledger.add(drained, false);
            received.addAll(drained);
            assertEquals(0, factory.store().depth(queue.getQueueName()), "the drain consumed everything");
            CrashLedger.Verdict verdict = ledger.check(List.of());
            int resumed = checkSequences(received);
            System.out.println("group crash loop on " + db + ": " + ITERATIONS + " iterations, " + kills + " kills, "
                    + ITERATIONS * GROUPS * PER_GROUP + " messages in " + GROUPS + " groups, " + verdict.redeliveries()
                    + " redeliveries, " + resumed + " times a group went on in another JVM (the next consumer or the final drain), "
                    + verdict.committedAtKill().size() + " committed at the kill; nothing lost, no duplicate after"
                    + " commit, every group in sequence");
            assertTrue(resumed > 0, "groups went on in another JVM after a kill");
        }
    }

    /**
     * Checks the receipts of each group, in the order they happened: the first is the group's first message, and each
     * later one repeats the previous message (a redelivery after a kill) or is the next. Returns how many times a
     * group went on in another process.
     */
    private static int checkSequences(List<Consumption> receipts) {
        Map<String, Integer> last = new HashMap<>();
        Map<String, String> lastProcess = new HashMap<>();
        int moves = 0;
        for (Consumption c : receipts) {
            if (c.kind() != Consumption.Kind.R) continue;
            int dash = c.id().indexOf('-');
            String group = c.id().substring(0, dash);
            int seq = Integer.parseInt(c.id().substring(dash + 1));
            Integer previous = last.get(group);
            if (previous == null) {
                assertEquals(0, seq, "group " + group + " began with " + c);
            } else {
                assertTrue(seq == previous || seq == previous + 1, "group " + group + " went from " + previous
                        + " to " + c + ": out of sequence");
                assertTrue(seq == previous + 1 || c.redelivered(), "a repeated message is flagged redelivered: " + c);
            }
            if (lastProcess.containsKey(group) && !lastProcess.get(group).equals(c.process())) moves++;
            last.put(group, seq);
            lastProcess.put(group, c.process());
        }
        return moves;
    }
}
