package org.rowmq.admin;

import com.zaxxer.hikari.HikariDataSource;
import org.rowmq.store.StoreAdmin;

/**
 * A JVM that moves every dead letter of a queue back and, once the first origin's rows are moved inside the still open
 * transaction, prints MOVING and waits to be killed. Arguments: JDBC URL, user, password, dead-letter queue.
 */
public final class HangingMoveMain {

    public static void main(String[] args) throws Exception {
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(args[0]);
            ds.setUsername(args[1]);
            ds.setPassword(args[2]);
            StoreAdmin admin = StoreAdmin.on(ds);
            long[] ids = admin.readyIds(args[3], m -> true);
            admin.returnDeadLetters(args[3], ids, done -> {
                System.out.println("MOVING " + done);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            System.out.println("FINISHED"); // never reached: the test kills this JVM first
        }
    }
}
