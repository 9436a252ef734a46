package org.rowmq.tx;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a real child JVM with SIGKILL inside two-phase commit over two H2 file databases, then starts this node's
 * coordinator again (same node identifier, same object store) and checks that recovery leaves both databases with
 * the row or neither, as the crash point dictates, with no branch in doubt and no transaction log left behind.
 *
 * <p>Trials per crash point: system property {@code rowmq.tx.crashTrials}, default 12, which keeps the three crash
 * points near three minutes on a two-core machine (a trial is a JVM start plus one or two recovery cycles);
 * {@code -Drowmq.tx.crashTrials=20} runs the longer series.
 */
class CrashRecoveryTest {

    private static final int TRIALS = Integer.getInteger("rowmq.tx.crashTrials", 12);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    void recoveryCompletesTheInDoubtTransactionOnBothDatabasesOrNeither(CrashPoint crashPoint) throws Exception {
        H2Database orders = H2Database.create(dir, "orders");
        H2Database payments = H2Database.create(dir, "payments");
        for (int trial = 1; trial <= TRIALS; trial++) {
            String rowId = crashPoint + "-" + trial;

            crashChildAt(crashPoint, rowId, trial);
            recoverAfterRestart(orders, payments, rowId);

            String outcome = "trial " + trial + " at " + crashPoint;
            assertEquals(crashPoint.expectCommitted, orders.hasRow(rowId), outcome + ": orders-db");
            assertEquals(crashPoint.expectCommitted, payments.hasRow(rowId), outcome + ": payments-db");
        }
        System.out.println("crash point " + crashPoint + ": " + TRIALS + " trials, every one "
                + (crashPoint.expectCommitted ? "committed on both databases" : "rolled back on both databases"));
    }

    private void crashChildAt(CrashPoint crashPoint, String rowId, int trial) throws Exception {
        Path childLog = dir.resolve("child-" + crashPoint + "-" + trial + ".log");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                CrashingParticipant.class.getName(),
                crashPoint.name(),
                TestCoordinators.OBJECT_STORE.toString(),
                dir.resolve("orders").toString(),
                dir.resolve("payments").toString(),
                rowId)
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
            child.destroyForcibly();
            assertTrue(child.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the killed child did not exit");
        }
    }

    private static boolean readUntilMarker(Process child) {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(CrashPointStopper.MARKER)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The restarted node: the same configuration as the killed child, its resources registered, recovery running. */
    private static void recoverAfterRestart(H2Database orders, H2Database payments, String rowId) throws Exception {
        try (TxCoordinator coordinator = TestCoordinators.start()) {
            coordinator.registerXADataSource("orders-db", orders.xaDataSource());
            coordinator.registerXADataSource("payments-db", payments.xaDataSource());
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (orders.inDoubtCount() > 0 || payments.inDoubtCount() > 0 || transactionLogs() > 0) {
                if (System.nanoTime() > deadline) {
                    fail("recovery did not settle " + rowId + " within " + PATIENCE + ": in doubt orders-db="
                            + orders.inDoubtCount() + " payments-db=" + payments.inDoubtCount()
                            + ", transaction logs left=" + transactionLogs());
                }
                Thread.sleep(100);
            }
        }
    }

    /** Narayana's log records of top-level transactions that are not finished yet. */
    private static long transactionLogs() throws IOException {
        return ObjectStoreRecords.unfinishedTransactions(TestCoordinators.OBJECT_STORE);
    }
}
