package org.rowmq.tx;

import java.nio.file.Path;

import jakarta.transaction.TransactionManager;

/**
 * The child JVM of {@link CrashRecoveryTest}: runs one transaction over two H2 databases and, at the chosen
 * {@link CrashPoint}, announces {@value CrashPointStopper#MARKER} on stdout and stops inside Narayana's two-phase commit until the
 * test kills it with SIGKILL. Arguments: crash point, object store directory, orders database file, payments
 * database file, row id.
 */
public final class CrashingParticipant {

    private final CrashPointStopper stopper;

    private CrashingParticipant(CrashPoint crashPoint) {
        this.stopper = new CrashPointStopper(crashPoint);
    }

    public static void main(String[] args) throws Exception {
        CrashPoint crashPoint = CrashPoint.valueOf(args[0]);
        H2Database orders = H2Database.open(Path.of(args[2]));
        H2Database payments = H2Database.open(Path.of(args[3]));
        String rowId = args[4];
        new CrashingParticipant(crashPoint).run(Path.of(args[1]), orders, payments, rowId);
        System.out.println("COMPLETED WITHOUT REACHING " + crashPoint);
    }

    private void run(Path objectStore, H2Database orders, H2Database payments, String rowId) throws Exception {
        try (TxCoordinator coordinator = TxCoordinator.start(TestCoordinators.config(objectStore));
             H2Database.XaSession ordersXa = orders.openXa();
             H2Database.XaSession paymentsXa = payments.openXa()) {
            coordinator.registerXADataSource("orders-db", orders.xaDataSource());
            coordinator.registerXADataSource("payments-db", payments.xaDataSource());
            TransactionManager tm = coordinator.transactionManager();
            tm.begin();
            coordinator.enlist("orders-db", stopper.wrap(ordersXa.xaResource()));
            coordinator.enlist("payments-db", stopper.wrap(paymentsXa.xaResource()));
            H2Database.insert(ordersXa.connection(), rowId);
            H2Database.insert(paymentsXa.connection(), rowId);
            tm.commit();
        }
    }
}
