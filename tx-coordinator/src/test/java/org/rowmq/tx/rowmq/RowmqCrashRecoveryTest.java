package org.rowmq.tx.rowmq;

import org.rowmq.tx.CrashPoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kills a real child JVM (SIGKILL) inside two-phase commit of an order row in H2 and RowMQ messages (a request
 * received, a "placed" message sent), restarts this node's coordinator with recovery, and checks that every trial ends
 * with the order row and the "placed" message both present or both absent, as the crash point dictates
 * ({@link CrashTrials}).
 *
 * <p>RowMQ's store is an H2 file, and in the second series PostgreSQL (its prepared state lives in RowMQ's tables, so
 * PostgreSQL's max_prepared_transactions = 0 on this machine does not matter). Trials per crash point: system
 * properties {@code rowmq.tx.rowmq.crashTrials} (H2, default 5) and {@code rowmq.tx.rowmq.postgresCrashTrials}
 * (default 3), which keep the six series near two minutes on a two-core machine and the whole module's tests near
 * five (a trial is a JVM start, a kill and one or two recovery cycles, about 5 s); set both to 20 for the long
 * series.
 */
class RowmqCrashRecoveryTest {

    private static final int H2_TRIALS = Integer.getInteger("rowmq.tx.rowmq.crashTrials", 5);
    private static final int POSTGRES_TRIALS = Integer.getInteger("rowmq.tx.rowmq.postgresCrashTrials", 3);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    void withTheStoreOnH2EveryTrialCommitsBothOrNeither(CrashPoint crashPoint) throws Exception {
        trials(crashPoint, MessageDatabase.h2(dir.resolve("rowmq")), H2_TRIALS, "H2");
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    void withTheStoreOnPostgresqlEveryTrialCommitsBothOrNeither(CrashPoint crashPoint) throws Exception {
        try (Connection ignored = DriverManager.getConnection(MessageDatabase.POSTGRESQL_SERVER, "postgres", null)) {
            // reachable
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL at " + MessageDatabase.POSTGRESQL_SERVER + " is unreachable: " + e.getMessage());
        }
        MessageDatabase messages = MessageDatabase.postgresql();
        try {
            trials(crashPoint, messages, POSTGRES_TRIALS, "PostgreSQL");
        } finally {
            messages.dropPostgresSchema();
        }
    }

    private void trials(CrashPoint crashPoint, MessageDatabase messages, int trials, String storeName) throws Exception {
        OrdersDatabase orders = OrdersDatabase.create(dir.resolve("orders"));
        new CrashTrials(dir).run(crashPoint, orders, messages, trials, "orders in H2, store on " + storeName);
    }
}
