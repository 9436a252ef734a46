package org.rowmq.tx.rowmq;

import org.rowmq.tx.CrashPoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.jms.JMSContext;
import jakarta.jms.Message;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.tx.TransactionScope;
import org.rowmq.tx.TxCoordinator;

/**
 * The order scenario on PostgreSQL: the business rows in PostgreSQL through its XADataSource
 * ({@code org.postgresql.xa.PGXADataSource}), the messages in RowMQ with its store on PostgreSQL too.
 *
 * <p>Two servers, because PostgreSQL's XADataSource needs {@code max_prepared_transactions} above 0 and the
 * machine's shared server (127.0.0.1:5432) has 0 and is never restarted by tests: the order rows go to a
 * {@link PrivatePostgres} cluster this class starts on a free port with the setting at
 * {@value PrivatePostgres#MAX_PREPARED_TRANSACTIONS} (skipped with the reason when it cannot be started, failed when
 * {@code rowmq.test.databases=required}); RowMQ's store is a fresh schema on the shared server, where RowMQ needs no
 * prepared transactions because its prepared branches live in its own tables. Which servers were used is printed.
 *
 * <p>Crash trials per crash point: system property {@code rowmq.tx.rowmq.privatePostgresCrashTrials} (default 3, which
 * keeps this class near a minute on a two-core machine); set it to 20 for the long series.
 */
class PostgresBusinessRowsTest {

    private static final int CRASH_TRIALS = Integer.getInteger("rowmq.tx.rowmq.privatePostgresCrashTrials", 3);
    private static final long WAIT = 10_000;
    private static final long QUIET = 700;

    private static PrivatePostgres businessServer;
    private static OrdersDatabase orders;

    @TempDir
    Path dir;
    private MessageDatabase messages;

    @BeforeAll
    static void startServers() throws SQLException {
        requireSharedPostgres();
        businessServer = PrivatePostgres.startOrSkip();
        orders = OrdersDatabase.create(businessServer.url());
        System.out.println("Business rows: " + businessServer.describe() + ", through PGXADataSource. RowMQ's"
                + " messages: the shared PostgreSQL at " + MessageDatabase.POSTGRESQL_SERVER + " (a schema of this run;"
                + " its max_prepared_transactions = 0 does not matter to RowMQ).");
    }

    private static void requireSharedPostgres() {
        try (Connection ignored = DriverManager.getConnection(MessageDatabase.POSTGRESQL_SERVER, "postgres", null)) {
            // reachable
        } catch (SQLException e) {
            String reason = "PostgreSQL at " + MessageDatabase.POSTGRESQL_SERVER + " (RowMQ's store) is unreachable: "
                    + e.getMessage();
            if ("required".equals(System.getProperty("rowmq.test.databases"))) {
                Assertions.fail(reason + " (rowmq.test.databases=required)");
            }
            System.out.println("Skipping: " + reason);
            Assumptions.abort(reason);
        }
    }

    @AfterAll
    static void stopServers() {
        if (businessServer != null) businessServer.close();
    }

    @BeforeEach
    void createMessageSchema() throws SQLException {
        messages = MessageDatabase.postgresql();
    }

    @AfterEach
    void dropMessageSchema() throws SQLException {
        messages.dropPostgresSchema();
    }

    /** The application's step: take a request, store the order, announce it. */
    private static void placeOrder(TransactionScope tx, String id) throws Exception {
        JMSContext jms = tx.jms("rowmq");
        Message request = jms.createConsumer(jms.createQueue("order.requests")).receive(WAIT);
        assertNotNull(request, "the request for " + id);
        OrdersDatabase.insertOrder(tx.connection("orders-db"), id, request.getBody(String.class));
        jms.createProducer().send(jms.createQueue("order.placed"), "placed " + id);
    }

    @Test
    void returningCommitsThePostgresqlRowAndTheMessagesTogether() throws Exception {
        assertEquals(PrivatePostgres.MAX_PREPARED_TRANSACTIONS, businessServer.maxPreparedTransactions());
        try (RowXAConnectionFactory rowmq = messages.factory()) {
            MessageDatabase.send(rowmq, "order.requests", "book");
            try (TxCoordinator coordinator = started(rowmq)) {
                coordinator.inTransaction(tx -> placeOrder(tx, "pg-commit-1"));
            }
            assertTrue(orders.hasOrder("pg-commit-1"));
            assertEquals(List.of("placed pg-commit-1"), bodies(MessageDatabase.drain(rowmq, "order.placed", QUIET)));
            assertEquals(List.of(), MessageDatabase.drain(rowmq, "order.requests", QUIET), "the request was consumed");
            assertEquals(0, orders.inDoubtCount(), "PostgreSQL transactions left prepared");
            assertEquals(0, messages.preparedBranches(), "RowMQ branches left prepared");
        }
    }

    @Test
    void throwingRollsBackThePostgresqlRowAndTheMessagesTogether() throws Exception {
        try (RowXAConnectionFactory rowmq = messages.factory()) {
            MessageDatabase.send(rowmq, "order.requests", "lamp");
            IllegalStateException declined = new IllegalStateException("payment declined");
            try (TxCoordinator coordinator = started(rowmq)) {
                Exception thrown = assertThrows(Exception.class, () -> coordinator.inTransaction(tx -> {
                    placeOrder(tx, "pg-rollback-1");
                    throw declined;
                }));
                assertSame(declined, thrown);
            }
            assertFalse(orders.hasOrder("pg-rollback-1"));
            assertEquals(List.of(), MessageDatabase.drain(rowmq, "order.placed", QUIET));
            List<Message> again = MessageDatabase.drain(rowmq, "order.requests", QUIET);
            assertEquals(List.of("lamp"), bodies(again), "the request is back");
            assertEquals(2, again.get(0).getIntProperty("JMSXDeliveryCount"));
            assertEquals(0, orders.inDoubtCount(), "PostgreSQL transactions left prepared");
        }
    }

    @ParameterizedTest
    @EnumSource(CrashPoint.class)
    void afterKillMinus9EveryTrialCommitsBothOrNeither(CrashPoint crashPoint) throws Exception {
        CrashTrials.Outcome outcome = new CrashTrials(dir).run(crashPoint, orders, messages, CRASH_TRIALS,
                "orders in private PostgreSQL, store on shared PostgreSQL");
        assertEquals(crashPoint.expectCommitted ? CRASH_TRIALS : 0, outcome.committed());
    }

    private static TxCoordinator started(RowXAConnectionFactory rowmq) {
        TxCoordinator coordinator = RowmqCoordinators.start();
        coordinator.registerXADataSource("orders-db", orders.xaDataSource());
        coordinator.registerXAConnectionFactory("rowmq", rowmq);
        return coordinator;
    }

    private static List<String> bodies(List<Message> messages) throws Exception {
        List<String> result = new ArrayList<>();
        for (Message m : messages) result.add(m.getBody(String.class));
        return result;
    }
}
