package org.rowmq.admin;

import java.sql.DriverManager;

/**
 * The rowmq command line, {@link RowMQ#main}, in a JVM of its own, with {@link MidMoveDriver} registered: given
 * {@code --url jdbc:mid-move:REAL-URL ... move DLQ --yes}, it is the real command, held half-way through the move for
 * a test to kill.
 */
public final class MidMoveMain {

    public static void main(String[] args) throws Exception {
        DriverManager.registerDriver(new MidMoveDriver(System.out));
        RowMQ.main(args);
    }
}
