package org.rowmq.tx;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import jakarta.transaction.TransactionManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain JTA way: transactionManager().begin(), enlist each branch by its registered name, commit. */
class PlainJtaTest {

    @TempDir
    Path dir;
    private H2Database orders;
    private H2Database payments;

    @BeforeEach
    void createDatabases() throws Exception {
        orders = H2Database.create(dir, "orders");
        payments = H2Database.create(dir, "payments");
    }

    @Test
    void commitMakesBothBranchesDurable() throws Exception {
        try (TxCoordinator coordinator = startWithBothDatabases();
             H2Database.XaSession ordersXa = orders.openXa();
             H2Database.XaSession paymentsXa = payments.openXa()) {
            TransactionManager tm = coordinator.transactionManager();
            tm.begin();
            coordinator.enlist("orders-db", ordersXa.xaResource());
            coordinator.enlist("payments-db", paymentsXa.xaResource());
            H2Database.insert(ordersXa.connection(), "o-1");
            H2Database.insert(paymentsXa.connection(), "o-1");
            tm.commit();
        }
        assertTrue(orders.hasRow("o-1"));
        assertTrue(payments.hasRow("o-1"));
    }

    @Test
    void rollbackUndoesBothBranches() throws Exception {
        try (TxCoordinator coordinator = startWithBothDatabases();
             H2Database.XaSession ordersXa = orders.openXa();
             H2Database.XaSession paymentsXa = payments.openXa()) {
            TransactionManager tm = coordinator.transactionManager();
            tm.begin();
            coordinator.enlist("orders-db", ordersXa.xaResource());
            coordinator.enlist("payments-db", paymentsXa.xaResource());
            H2Database.insert(ordersXa.connection(), "o-2");
            H2Database.insert(paymentsXa.connection(), "o-2");
            tm.rollback();
        }
        assertFalse(orders.hasRow("o-2"));
        assertFalse(payments.hasRow("o-2"));
    }

    @Test
    void enlistWithoutATransactionIsRefused() throws Exception {
        try (TxCoordinator coordinator = startWithBothDatabases();
             H2Database.XaSession ordersXa = orders.openXa()) {
            var e = assertThrows(IllegalStateException.class,
                    () -> coordinator.enlist("orders-db", ordersXa.xaResource()));
            assertTrue(e.getMessage().contains("begin()"), e.getMessage());
        }
    }

    @Test
    void enlistUnderAnUnregisteredNameIsRefusedBecauseRecoveryCouldNotReachIt() throws Exception {
        try (TxCoordinator coordinator = startWithBothDatabases();
             H2Database.XaSession ordersXa = orders.openXa()) {
            coordinator.transactionManager().begin();
            try {
                var e = assertThrows(IllegalArgumentException.class,
                        () -> coordinator.enlist("unknown-db", ordersXa.xaResource()));
                assertTrue(e.getMessage().contains("unknown-db"), e.getMessage());
            } finally {
                coordinator.transactionManager().rollback();
            }
        }
    }

    private TxCoordinator startWithBothDatabases() {
        TxCoordinator coordinator = TestCoordinators.start();
        coordinator.registerXADataSource("orders-db", orders.xaDataSource());
        coordinator.registerXADataSource("payments-db", payments.xaDataSource());
        return coordinator;
    }
}
