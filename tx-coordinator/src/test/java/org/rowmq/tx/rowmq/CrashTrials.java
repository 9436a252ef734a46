package org.rowmq.tx.rowmq;

import org.rowmq.tx.ObjectStoreRecords;
import org.rowmq.tx.CrashPointStopper;
import org.rowmq.tx.CrashPoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.jms.Message;

import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.tx.TxCoordinator;

/**
 * The kill -9 crash loop: each trial sends an order request, starts a {@link RowmqCrashingParticipant} child JVM that
 * stops at the crash point inside two-phase commit, kills it (SIGKILL), restarts this node's coordinator with recovery
 * and checks that the order row and the "placed" message are both present or both absent, as the crash point
 * dictates, the request consumed exactly when the order exists (else back with its delivery count raised), no message
 * delivered twice, and nothing left in doubt. The enlistment order alternates between trials, so MID_COMMIT stops
 * after either branch. A trial is a JVM start, a kill and one or two recovery cycles (about 6 s).
 */
final class CrashTrials {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final long QUIET = 300;

    private final Path dir;

    /** {@code dir}: where the children's logs go. */
    CrashTrials(Path dir) {
        this.dir = dir;
    }

    /** What a series ended with; {@link #run} has already failed the test if any trial broke atomicity. */
    record Outcome(int trials, int committed) {
        int rolledBack() {
            return trials - committed;
        }
    }

    Outcome run(CrashPoint crashPoint, OrdersDatabase orders, MessageDatabase messages, int trials, String series)
            throws Exception {
        int committed = 0;
        for (int trial = 1; trial <= trials; trial++) {
            String id = crashPoint + "-" + trial;
            try (RowXAConnectionFactory rowmq = messages.factory()) {
                MessageDatabase.send(rowmq, RowmqCrashingParticipant.requests(id), "item " + id);
            }
            crashChildAt(crashPoint, orders, messages, id, trial % 2 == 1);
            if (recoverAndCheck(crashPoint, orders, messages, id, "trial " + trial + " at " + crashPoint + ", " + series)) {
                committed++;
            }
        }
        System.out.println("RowMQ crash recovery, " + series + ", crash point " + crashPoint + ": " + trials
                + " trials, " + committed + " committed on both, " + (trials - committed) + " rolled back on both,"
                + " 0 with one without the other, 0 messages delivered twice");
        return new Outcome(trials, committed);
    }

    private void crashChildAt(CrashPoint crashPoint, OrdersDatabase orders, MessageDatabase messages, String id,
                              boolean rowmqFirst) throws Exception {
        Path childLog = dir.resolve("child-" + id + ".log");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                RowmqCrashingParticipant.class.getName(),
                crashPoint.name(),
                RowmqCoordinators.OBJECT_STORE.toString(),
                orders.url(),
                messages.url(),
                messages.user(),
                id,
                rowmqFirst ? "rowmq-first" : "orders-first")
                .redirectError(childLog.toFile())
                .start();
        try {
            CompletableFuture<Boolean> reached = CompletableFuture.supplyAsync(() -> readUntilMarker(child));
            boolean atCrashPoint;
            try {
                atCrashPoint = reached.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                atCrashPoint = false;
            }
            if (!atCrashPoint) {
                fail("the child never reached " + crashPoint + " within " + PATIENCE + "; its log:\n"
                        + Files.readString(childLog));
            }
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux
            assertTrue(child.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the killed child did not exit");
        }
    }

    private static boolean readUntilMarker(Process child) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(CrashPointStopper.MARKER)) return true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The restarted node: recovery settles the transaction, then the outcome is checked. Returns true if committed. */
    private static boolean recoverAndCheck(CrashPoint crashPoint, OrdersDatabase orders, MessageDatabase messages,
                                           String id, String trial) throws Exception {
        try (RowXAConnectionFactory rowmq = messages.factory()) {
            try (TxCoordinator coordinator = RowmqCoordinators.start()) {
                coordinator.registerXADataSource("orders-db", orders.xaDataSource());
                coordinator.registerXAConnectionFactory("rowmq", rowmq);
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                while (orders.inDoubtCount() > 0 || messages.preparedBranches() > 0 || transactionLogs() > 0) {
                    if (System.nanoTime() > deadline) {
                        fail(trial + ": recovery did not settle within " + PATIENCE + ": in doubt orders-db="
                                + orders.inDoubtCount() + ", RowMQ prepared branches=" + messages.preparedBranches()
                                + ", transaction logs left=" + transactionLogs());
                    }
                    Thread.sleep(100);
                }
            }
            boolean order = orders.hasOrder(id);
            List<Message> placed = MessageDatabase.drain(rowmq, RowmqCrashingParticipant.placed(id), QUIET);
            List<Message> requests = MessageDatabase.drain(rowmq, RowmqCrashingParticipant.requests(id), QUIET);

            assertTrue(placed.size() <= 1, trial + ": the placed message was delivered " + placed.size() + " times");
            assertEquals(order, placed.size() == 1, trial + ": order row " + (order ? "present" : "absent")
                    + " but placed message " + (placed.isEmpty() ? "absent" : "present"));
            assertEquals(order, requests.isEmpty(), trial + ": the request must be consumed exactly when the order exists");
            assertEquals(crashPoint.expectCommitted, order, trial + ": outcome");
            if (!order) {
                assertEquals(1, requests.size(), trial + ": the request came back once");
                assertEquals(2, requests.get(0).getIntProperty("JMSXDeliveryCount"), trial + ": delivery count raised");
            }
            return order;
        }
    }

    /** Narayana's log records of top-level transactions that are not finished yet. */
    private static long transactionLogs() throws IOException {
        return ObjectStoreRecords.unfinishedTransactions(RowmqCoordinators.OBJECT_STORE);
    }
}
