package org.rowmq.tx;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import jakarta.transaction.TransactionManager;

/**
 * The child JVM of {@link CrashRecoveryTest}: runs one transaction over two H2 databases and, at the chosen
 * {@link CrashPoint}, announces {@value #MARKER} on stdout and stops inside Narayana's two-phase commit until the
 * test kills it with SIGKILL. Arguments: crash point, object store directory, orders database file, payments
 * database file, row id.
 */
public final class CrashingParticipant {

    static final String MARKER = "CRASH-POINT-REACHED";

    private final CrashPoint crashPoint;
    private final AtomicInteger preparesReturned = new AtomicInteger();
    private final AtomicInteger commitsReturned = new AtomicInteger();

    private CrashingParticipant(CrashPoint crashPoint) {
        this.crashPoint = crashPoint;
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
            coordinator.enlist("orders-db", new Stopping(ordersXa.xaResource()));
            coordinator.enlist("payments-db", new Stopping(paymentsXa.xaResource()));
            H2Database.insert(ordersXa.connection(), rowId);
            H2Database.insert(paymentsXa.connection(), rowId);
            tm.commit();
        }
    }

    private void stopIfReached() {
        if (!crashPoint.reached(preparesReturned.get(), commitsReturned.get())) {
            return;
        }
        System.out.println(MARKER + " " + crashPoint);
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // Only SIGKILL ends this JVM: nothing may run after the crash point.
            }
        }
    }

    /** Counts the prepares and commits that returned, and stops the JVM's progress at the crash point. */
    private final class Stopping implements XAResource {
        private final XAResource delegate;

        Stopping(XAResource delegate) {
            this.delegate = delegate;
        }

        @Override
        public int prepare(Xid xid) throws XAException {
            int vote = delegate.prepare(xid);
            preparesReturned.incrementAndGet();
            stopIfReached();
            return vote;
        }

        @Override
        public void commit(Xid xid, boolean onePhase) throws XAException {
            delegate.commit(xid, onePhase);
            commitsReturned.incrementAndGet();
            stopIfReached();
        }

        @Override
        public void start(Xid xid, int flags) throws XAException {
            delegate.start(xid, flags);
        }

        @Override
        public void end(Xid xid, int flags) throws XAException {
            delegate.end(xid, flags);
        }

        @Override
        public void rollback(Xid xid) throws XAException {
            delegate.rollback(xid);
        }

        @Override
        public void forget(Xid xid) throws XAException {
            delegate.forget(xid);
        }

        @Override
        public Xid[] recover(int flag) throws XAException {
            return delegate.recover(flag);
        }

        @Override
        public boolean isSameRM(XAResource other) throws XAException {
            return other instanceof Stopping stopping ? delegate.isSameRM(stopping.delegate) : delegate.isSameRM(other);
        }

        @Override
        public int getTransactionTimeout() throws XAException {
            return delegate.getTransactionTimeout();
        }

        @Override
        public boolean setTransactionTimeout(int seconds) throws XAException {
            return delegate.setTransactionTimeout(seconds);
        }
    }
}
