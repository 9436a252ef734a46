package org.rowmq.appconn;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import org.rowmq.client.RowConnectionFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.function.IntConsumer;

/**
 * The application loop of the crash test, run in a child JVM: receive a request, insert a business row, send a reply,
 * commit the JDBC connection; all four in one local transaction. Prints READY before its first receive, HANDLED n
 * after the n-th commit (so that the test can kill it at a chosen point), and DONE when the input queue stays empty.
 *
 * <p>Arguments: JDBC URL, user, password, input queue, output queue, business table.
 */
public final class ConsumeTransformProduce {

    private ConsumeTransformProduce() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1].isEmpty() ? null : args[1];
        String password = args[2].isEmpty() ? null : args[2];
        try (RowConnectionFactory cf = new RowConnectionFactory(url, user, password);
             Connection app = DriverManager.getConnection(url, user, password)) {
            app.setAutoCommit(false);
            try (JMSContext jms = cf.createContext(app)) {
                System.out.println("READY");
                System.out.flush();
                int handled = run(jms, app, args[3], args[4], args[5], 5_000, n -> {
                    System.out.println("HANDLED " + n);
                    System.out.flush();
                });
                System.out.println("DONE " + handled);
            }
        }
    }

    /** Handles requests until none arrives within {@code idleMillis}; returns how many it handled. */
    static int run(JMSContext jms, Connection app, String input, String output, String table, long idleMillis,
                   IntConsumer committed) throws Exception {
        JMSConsumer requests = jms.createConsumer(jms.createQueue(input));
        JMSProducer producer = jms.createProducer();
        Queue replies = jms.createQueue(output);
        int handled = 0;
        for (Message m = requests.receive(idleMillis); m != null; m = requests.receive(idleMillis)) {
            String key = m.getBody(String.class);
            AppDb.insert(app, table, key, "handled");
            producer.send(replies, "reply:" + key);
            app.commit();
            committed.accept(++handled);
        }
        return handled;
    }
}
