package org.rowmq.demo;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.rowmq.client.RowConnectionFactory;

/**
 * The README's first command: sends a few messages through the embedded H2 file store (./rowmq-data, or the JDBC URL
 * given as the first argument), receives them back with a selector and in a transaction, and prints what happened.
 */
public final class QueueDemo {
    private QueueDemo() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : null;
        try (RowConnectionFactory factory = url == null ? new RowConnectionFactory() : new RowConnectionFactory(url);
             JMSContext context = factory.createContext()) {
            System.out.println("RowMQ demo on " + factory);
            Queue orders = context.createQueue("demo.orders");
            for (int i = 1; i <= 5; i++) {
                context.createProducer().setProperty("amount", i * 10).setPriority(i == 5 ? 9 : 4)
                        .send(orders, "order " + i);
                System.out.println("sent     order " + i + (i == 5 ? " (priority 9)" : ""));
            }
            System.out.println("queue depth now " + factory.store().depth("demo.orders"));
            try (JMSConsumer big = context.createConsumer(orders, "amount >= 30")) {
                for (TextMessage m; (m = (TextMessage) big.receive(1000)) != null; )
                    System.out.println("received " + m.getText() + " (amount " + m.getIntProperty("amount") + ", selector amount >= 30)");
            }
            try (JMSContext tx = factory.createContext(JMSContext.SESSION_TRANSACTED);
                 JMSConsumer rest = tx.createConsumer(orders)) {
                TextMessage first = (TextMessage) rest.receive(1000);
                System.out.println("received " + first.getText() + " in a transaction, then rolled back");
                tx.rollback();
                for (TextMessage m; (m = (TextMessage) rest.receive(1000)) != null; )
                    System.out.println("received " + m.getText() + " (redelivered " + m.getJMSRedelivered()
                            + ", delivery count " + m.getIntProperty("JMSXDeliveryCount") + ")");
                tx.commit();
                System.out.println("committed");
            }
            System.out.println("queue depth now " + factory.store().depth("demo.orders"));
        }
    }
}
