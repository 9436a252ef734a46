package org.rowmq.tx.rowmq;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import jakarta.jms.Message;
import jakarta.jms.XAJMSContext;
import jakarta.transaction.TransactionManager;

import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.tx.TxCoordinator;

/**
 * The child JVM of {@link CrashTrials}: in one JTA transaction it receives an order request from RowMQ, inserts the
 * order row into the orders database (H2 or PostgreSQL) and sends "placed" through RowMQ; at the chosen
 * {@link CrashPoint} it prints {@value #MARKER} and stops inside Narayana's two-phase commit until the test kills it
 * with SIGKILL.
 *
 * <p>Arguments: crash point, object store directory, orders database JDBC URL, RowMQ JDBC URL, RowMQ user, trial
 * id, and "rowmq-first" or "orders-first" (the enlistment order, which decides which branch MID_COMMIT commits).
 */
public final class RowmqCrashingParticipant {

    static final String MARKER = "CRASH-POINT-REACHED";

    private final CrashPoint crashPoint;
    private final AtomicInteger preparesReturned = new AtomicInteger();
    private final AtomicInteger commitsReturned = new AtomicInteger();

    private RowmqCrashingParticipant(CrashPoint crashPoint) {
        this.crashPoint = crashPoint;
    }

    static String requests(String trial) {
        return "crash.requests." + trial;
    }

    static String placed(String trial) {
        return "crash.placed." + trial;
    }

    public static void main(String[] args) throws Exception {
        CrashPoint crashPoint = CrashPoint.valueOf(args[0]);
        Path objectStore = Path.of(args[1]);
        OrdersDatabase orders = OrdersDatabase.open(args[2]);
        MessageDatabase messages = new MessageDatabase(args[3], args[4]);
        String trial = args[5];
        boolean rowmqFirst = "rowmq-first".equals(args[6]);
        new RowmqCrashingParticipant(crashPoint).run(objectStore, orders, messages, trial, rowmqFirst);
        System.out.println("COMPLETED WITHOUT REACHING " + crashPoint);
    }

    private void run(Path objectStore, OrdersDatabase orders, MessageDatabase messages, String trial,
                     boolean rowmqFirst) throws Exception {
        try (TxCoordinator coordinator = TxCoordinator.start(RowmqCoordinators.config(objectStore));
             RowXAConnectionFactory rowmq = messages.factory()) {
            coordinator.registerXADataSource("orders-db", orders.xaDataSource());
            coordinator.registerXAConnectionFactory("rowmq", rowmq);
            TransactionManager tm = coordinator.transactionManager();
            XAConnection ordersXa = orders.xaDataSource().getXAConnection();
            XAJMSContext jms = rowmq.createXAContext();
            tm.begin();
            if (rowmqFirst) {
                coordinator.enlist("rowmq", new Stopping(jms.getXAResource()));
                coordinator.enlist("orders-db", new Stopping(ordersXa.getXAResource()));
            } else {
                coordinator.enlist("orders-db", new Stopping(ordersXa.getXAResource()));
                coordinator.enlist("rowmq", new Stopping(jms.getXAResource()));
            }
            Message request = jms.createConsumer(jms.createQueue(requests(trial))).receive(30_000);
            if (request == null) throw new IllegalStateException("no order request for trial " + trial);
            OrdersDatabase.insertOrder(ordersXa.getConnection(), trial, request.getBody(String.class));
            jms.createProducer().send(jms.createQueue(placed(trial)), "placed " + trial);
            tm.commit();
        }
    }

    private void stopIfReached() {
        if (!crashPoint.reached(preparesReturned.get(), commitsReturned.get())) return;
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

    /** Counts the prepares and commits that returned and stops the JVM's progress at the crash point. */
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
