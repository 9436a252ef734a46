package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.DestinationSettings;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.ChildJvm;
import org.rowmq.testsupport.ParentLink;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The crash loop: again and again, a batch is sent, a consumer JVM (transacted, one commit per message) is started and
 * killed with SIGKILL at a random moment while it holds messages, and the queue is checked once the dead JVM's lease
 * ran out: no duplicate after a commit, nothing lost, in-flight messages redelivered with JMSRedelivered and a raised
 * JMSXDeliveryCount. A final drain then consumes what is left, and every sent message must have been committed exactly
 * once, except those whose commit happened just before a kill (counted and reported as "committed at the kill").
 *
 * <p>{@code -Drowmq.crashloop.iterations=N} changes the number of kills (20 by default);
 * {@code -Drowmq.crashloop.seed=S} replays the random kill moments of an earlier run (the seed is printed).
 */
class CrashLoopTest {
    private static final int ITERATIONS = Integer.getInteger("rowmq.crashloop.iterations", 20);
    private static final int BATCH = 40;
    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static final Duration LEASE = Duration.ofSeconds(1);

    static Stream<TestDatabase> databases() {
        return SharedDatabases.all("crash-loop");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void killedConsumersNeitherLoseNorDuplicateCommittedMessages(TestDatabase db) throws Exception {
        long seed = Long.getLong("rowmq.crashloop.seed", System.nanoTime());
        Random random = new Random(seed);
        Path dir = SharedDatabases.directory("crash-loop", db);
        System.out.println("crash loop on " + db + ": seed " + seed + ", files in " + dir);
        StoreConfig config = db.config(HEARTBEAT, LEASE);
        CrashLedger ledger = new CrashLedger();
        int kills = 0;
        int killedHoldingAReceipt = 0;
        // Opened before any child: for H2 this JVM then serves the file to the children. Its node also reaps theirs.
        try (java.sql.Connection holdsH2Server = db.connect();
             RowConnectionFactory factory = new RowConnectionFactory(config);
             Connection connection = factory.createConnection()) {
            Queue queue = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue(TestDatabase.unique("procs.crash"));
            // The loop kills consumers holding the same messages more than once; they must not go to a dead-letter queue.
            factory.configureDestination(queue.getQueueName(),
                    DestinationSettings.DEFAULTS.withMaxDeliveries(1_000, TestDatabase.unique("procs.crash.dlq")));

            for (int iteration = 1; iteration <= ITERATIONS; iteration++) {
                List<String> batch = ids(iteration);
                SharedDatabases.send(connection, queue, batch);
                ledger.sent(batch);

                String name = "consumer-" + iteration;
                Path records = dir.resolve(name + ".records");
                String node;
                try (ChildJvm consumer = ChildJvm.builder(name, CrashingConsumerMain.class).directory(dir)
                        .properties(ChildStore.properties(config, RowConnectionFactory.DEFAULT_PREFETCH))
                        .args(queue.getQueueName(), records.toString()).start()) {
                    consumer.awaitLine("READY", Duration.ofSeconds(60));
                    node = ParentLink.nodeOf(consumer);
                    // The queue holds at least a batch, so the consumer reaches the chosen receipt with more in flight.
                    int receipts = 1 + random.nextInt(BATCH);
                    awaitReceipts(consumer, records, receipts);
                    Thread.sleep(random.nextInt(15));
                    consumer.kill();
                    kills++;
                    List<Consumption> recorded = Consumption.read(name, records);
                    if (!recorded.isEmpty() && recorded.get(recorded.size() - 1).kind() == Consumption.Kind.R) killedHoldingAReceipt++;
                    ledger.add(recorded, true);
                }
                System.out.println("  " + db + " iteration " + iteration + ": killed " + name + " (node " + node + ")");
                List<String> inQueue = SharedDatabases.awaitNothingInFlight(db, factory, connection, queue, 30_000);
                CrashLedger.Verdict verdict = ledger.check(inQueue);
                System.out.println("  " + db + " iteration " + iteration + ": " + inQueue.size() + " in the queue, "
                        + verdict.received() + " receipts so far, " + verdict.redeliveries() + " redeliveries, "
                        + verdict.committedAtKill().size() + " committed at the kill");
            }

            List<Consumption> drained = drain(connection, queue);
            ledger.add(drained, false);
            assertEquals(0, factory.store().depth(queue.getQueueName()), "the drain consumed everything");
            CrashLedger.Verdict verdict = ledger.check(List.of());
            int messages = ITERATIONS * BATCH;
            System.out.println("crash loop on " + db + ": " + ITERATIONS + " iterations, " + messages + " messages, "
                    + kills + " kills (" + killedHoldingAReceipt + " between a receipt and its recorded commit), "
                    + verdict.redeliveries() + " redeliveries seen (highest JMSXDeliveryCount " + verdict.maxDeliveryCount()
                    + "), " + verdict.committedAtKill().size() + " committed at the kill " + verdict.committedAtKill()
                    + ", " + drained.size() / 2 + " drained at the end; no duplicate after commit, nothing lost");
            assertTrue(verdict.redeliveries() > 0, "the killed consumers' in-flight messages were seen again, redelivered");
            assertTrue(verdict.maxDeliveryCount() > 1, "redeliveries carry JMSXDeliveryCount > 1");
        }
    }

    private static List<String> ids(int iteration) {
        return IntStream.range(0, BATCH).mapToObj(i -> "i" + iteration + "-m" + i).toList();
    }

    /** Waits until the consumer recorded this many receipts ("R" lines). */
    static void awaitReceipts(ChildJvm consumer, Path records, int receipts) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (Consumption.read(consumer.name(), records).stream().filter(c -> c.kind() == Consumption.Kind.R).count() < receipts) {
            if (!consumer.isAlive()) fail(consumer.name() + " died before it was killed" + consumer.diagnosis());
            if (System.currentTimeMillis() > deadline) {
                fail(consumer.name() + " did not receive " + receipts + " messages within 60 s" + consumer.diagnosis());
            }
            Thread.sleep(5);
        }
    }

    /** The test JVM consumes what is left the same way the children did, recording into the ledger's format. */
    static List<Consumption> drain(Connection connection, Queue queue) throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        List<Consumption> drained = new ArrayList<>();
        for (Message m; (m = consumer.receive(2_000)) != null; ) {
            String id = ((TextMessage) m).getText();
            int count = m.getIntProperty("JMSXDeliveryCount");
            drained.add(new Consumption("drain", drained.size(), Consumption.Kind.R, id, count, m.getJMSRedelivered()));
            session.commit();
            drained.add(new Consumption("drain", drained.size(), Consumption.Kind.C, id, count, m.getJMSRedelivered()));
        }
        session.close();
        return drained;
    }
}
