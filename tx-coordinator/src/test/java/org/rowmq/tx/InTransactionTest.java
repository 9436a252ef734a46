package org.rowmq.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.jms.JMSContext;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InTransactionTest {

    @TempDir
    Path dir;
    private H2Database orders;
    private H2Database payments;
    private H2Database messages;
    private FakeXAConnectionFactory messaging;
    private TxCoordinator coordinator;

    @BeforeEach
    void start() throws Exception {
        orders = H2Database.create(dir, "orders");
        payments = H2Database.create(dir, "payments");
        messages = H2Database.create(dir, "messages");
        messaging = new FakeXAConnectionFactory(messages.xaDataSource());
        coordinator = TestCoordinators.start();
        coordinator.registerXADataSource("orders-db", orders.xaDataSource());
        coordinator.registerXADataSource("payments-db", payments.xaDataSource());
        coordinator.registerXAConnectionFactory("rowmq", messaging);
    }

    @AfterEach
    void stop() {
        coordinator.close();
    }

    @Test
    void normalReturnCommitsEveryBranch() throws Exception {
        coordinator.inTransaction(tx -> {
            H2Database.insert(tx.connection("orders-db"), "a");
            H2Database.insert(tx.connection("payments-db"), "a");
        });

        assertTrue(orders.hasRow("a"));
        assertTrue(payments.hasRow("a"));
    }

    @Test
    void exceptionRollsBackEveryBranchAndIsRethrownUnchanged() throws Exception {
        IllegalStateException thrown = new IllegalStateException("payment declined");

        Exception e = assertThrows(Exception.class, () -> coordinator.inTransaction(tx -> {
            H2Database.insert(tx.connection("orders-db"), "b");
            H2Database.insert(tx.connection("payments-db"), "b");
            throw thrown;
        }));

        assertSame(thrown, e);
        assertFalse(orders.hasRow("b"));
        assertFalse(payments.hasRow("b"));
        assertEquals(Status.STATUS_NO_TRANSACTION, coordinator.transactionManager().getStatus());
    }

    @Test
    void callInTransactionReturnsTheResultAfterCommit() throws Exception {
        int inserted = coordinator.callInTransaction(tx -> {
            H2Database.insert(tx.connection("orders-db"), "c");
            return 1;
        });

        assertEquals(1, inserted);
        assertTrue(orders.hasRow("c"));
    }

    @Test
    void messagingBranchCommitsWithTheDatabaseBranchAndItsContextIsClosedAfterwards() throws Exception {
        coordinator.inTransaction(tx -> {
            JMSContext context = tx.jms("rowmq");
            assertNotNull(context);
            H2Database.insert(messaging.lastConnection(), "d");
            H2Database.insert(tx.connection("orders-db"), "d");
            assertEquals(1, messaging.openContextsCreatedBy(Thread.currentThread()));
        });

        assertTrue(messages.hasRow("d"));
        assertTrue(orders.hasRow("d"));
        assertEquals(0, messaging.openContextsCreatedBy(Thread.currentThread()));
    }

    @Test
    void messagingBranchRollsBackWithTheDatabaseBranch() {
        assertThrows(ArithmeticException.class, () -> coordinator.inTransaction(tx -> {
            tx.jms("rowmq");
            H2Database.insert(messaging.lastConnection(), "e");
            H2Database.insert(tx.connection("orders-db"), "e");
            throw new ArithmeticException();
        }));

        assertFalse(assertDoesNotThrowSql(() -> messages.hasRow("e")));
        assertFalse(assertDoesNotThrowSql(() -> orders.hasRow("e")));
        assertEquals(0, messaging.openContextsCreatedBy(Thread.currentThread()));
    }

    @Test
    void closeAlsoClosesTheConnectionsRecoveryOpened() throws Exception {
        awaitScans(messaging, 1);

        coordinator.close();

        assertEquals(0, messaging.openContextsOfAllThreads());
    }

    /** Narayana hands its recovery modules to the next recovery manager of the JVM; our helpers must not go along. */
    @Test
    void aRestartedCoordinatorNoLongerScansThePreviousOnesResources() throws Exception {
        coordinator.close();
        int createdBeforeRestart = messaging.contextsCreated();
        FakeXAConnectionFactory next = new FakeXAConnectionFactory(messages.xaDataSource());
        coordinator = TestCoordinators.start();
        coordinator.registerXAConnectionFactory("rowmq", next);

        awaitScans(next, 2);

        assertEquals(createdBeforeRestart, messaging.contextsCreated());
    }

    private static void awaitScans(FakeXAConnectionFactory factory, int scans) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (factory.contextsCreated() < scans) {
            assertTrue(System.nanoTime() < deadline, "recovery did not scan " + scans + " times within 30 s");
            Thread.sleep(50);
        }
    }

    @Test
    void askingTwiceForOneResourceGivesOneBranch() throws Exception {
        coordinator.inTransaction(tx -> assertSame(tx.connection("orders-db"), tx.connection("orders-db")));
    }

    @Test
    void rollbackOnlyMakesCommitFailWithRollbackException() throws Exception {
        assertThrows(RollbackException.class, () -> coordinator.inTransaction(tx -> {
            H2Database.insert(tx.connection("orders-db"), "f");
            tx.transaction().setRollbackOnly();
        }));

        assertFalse(orders.hasRow("f"));
    }

    @Test
    void unknownResourceNameRollsBackWhatWasDone() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> coordinator.inTransaction(tx -> {
            H2Database.insert(tx.connection("orders-db"), "g");
            tx.connection("inventory-db");
        }));

        assertTrue(e.getMessage().contains("inventory-db") && e.getMessage().contains("orders-db"), e.getMessage());
        assertFalse(orders.hasRow("g"));
    }

    @Test
    void askingForTheWrongKindOfResourceIsExplained() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> coordinator.inTransaction(tx -> tx.jms("orders-db")));
        assertTrue(e.getMessage().contains("XADataSource"), e.getMessage());
    }

    @Test
    void doesNotNestInsideAnotherTransaction() throws Exception {
        coordinator.transactionManager().begin();
        try {
            assertThrows(IllegalStateException.class, () -> coordinator.inTransaction(tx -> { }));
        } finally {
            coordinator.transactionManager().rollback();
        }
    }

    @Test
    void aResourceNameCanBeRegisteredOnlyOnce() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> coordinator.registerXADataSource("rowmq", orders.xaDataSource()));
        assertTrue(e.getMessage().contains("already registered"), e.getMessage());
    }

    @Test
    void onlyOneCoordinatorIsOpenPerJvm() {
        var e = assertThrows(IllegalStateException.class, TestCoordinators::start);
        assertTrue(e.getMessage().contains("already open"), e.getMessage());
    }

    @Test
    void aLaterCoordinatorMustUseTheConfigurationNarayanaAlreadyRead() {
        coordinator.close();
        TxCoordinatorConfig other = TxCoordinatorConfig.builder("other-node", dir.resolve("store")).build();

        var e = assertThrows(IllegalStateException.class, () -> TxCoordinator.start(other));

        assertTrue(e.getMessage().contains("same configuration"), e.getMessage());
    }

    @Test
    void aClosedCoordinatorRefusesWork() {
        coordinator.close();
        assertThrows(IllegalStateException.class, () -> coordinator.inTransaction(tx -> { }));
        assertThrows(IllegalStateException.class, coordinator::transactionManager);
    }

    private interface SqlCheck {
        boolean get() throws Exception;
    }

    private static boolean assertDoesNotThrowSql(SqlCheck check) {
        try {
            return check.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
