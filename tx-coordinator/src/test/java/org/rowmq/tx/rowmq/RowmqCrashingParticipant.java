package org.rowmq.tx.rowmq;

import java.nio.file.Path;

import javax.sql.XAConnection;

import jakarta.jms.Message;
import jakarta.jms.XAJMSContext;
import jakarta.transaction.TransactionManager;

import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.tx.CrashPoint;
import org.rowmq.tx.CrashPointStopper;
import org.rowmq.tx.TxCoordinator;

/**
 * The child JVM of {@link CrashTrials}: in one JTA transaction it receives an order request from RowMQ, inserts the
 * order row into the orders database (H2 or PostgreSQL) and sends "placed" through RowMQ; at the chosen
 * {@link CrashPoint} it prints {@value CrashPointStopper#MARKER} and stops inside Narayana's two-phase commit until the test kills it
 * with SIGKILL.
 *
 * <p>Arguments: crash point, object store directory, orders database JDBC URL, RowMQ JDBC URL, RowMQ user, trial
 * id, and "rowmq-first" or "orders-first" (the enlistment order, which decides which branch MID_COMMIT commits).
 */
public final class RowmqCrashingParticipant {

    private final CrashPointStopper stopper;

    private RowmqCrashingParticipant(CrashPoint crashPoint) {
        this.stopper = new CrashPointStopper(crashPoint);
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
                coordinator.enlist("rowmq", stopper.wrap(jms.getXAResource()));
                coordinator.enlist("orders-db", stopper.wrap(ordersXa.getXAResource()));
            } else {
                coordinator.enlist("orders-db", stopper.wrap(ordersXa.getXAResource()));
                coordinator.enlist("rowmq", stopper.wrap(jms.getXAResource()));
            }
            Message request = jms.createConsumer(jms.createQueue(requests(trial))).receive(30_000);
            if (request == null) throw new IllegalStateException("no order request for trial " + trial);
            OrdersDatabase.insertOrder(ordersXa.getConnection(), trial, request.getBody(String.class));
            jms.createProducer().send(jms.createQueue(placed(trial)), "placed " + trial);
            tm.commit();
        }
    }
}
