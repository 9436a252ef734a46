package org.rowmq.bench;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.store.StoreStats;

import java.sql.PreparedStatement;
import java.util.UUID;

/**
 * A figure, not a timed test: a queue where 1 message in 100 matches a consumer's selector. Sends {@code messages}
 * 4 KiB BytesMessages (random bytes) in transactions of 500 (every hundredth with {@code color = 'red'}), then times a selector
 * consumer receiving all the red ones, which means looking past the others on every claim. Prints the time, the
 * matches per second and the claims it took; the queue is deleted afterwards.
 *
 * <pre>mvn -q -pl jms-provider test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=org.rowmq.bench.SelectorClaimBenchmark -Dexec.args="jdbc:postgresql://127.0.0.1/test postgres 20000"</pre>
 */
public final class SelectorClaimBenchmark {
    private SelectorClaimBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args.length > 1 && !args[1].equals("-") ? args[1] : null;
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        String queue = "bench.selector." + UUID.randomUUID().toString().substring(0, 8);
        byte[] body = new byte[4096];
        new java.util.Random(1).nextBytes(body); // incompressible, as most payloads are
        try (RowConnectionFactory cf = new RowConnectionFactory(StoreConfig.url(url, user, ""));
             Connection c = cf.createConnection()) {
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue q = tx.createQueue(queue);
            MessageProducer p = tx.createProducer(q);
            int red = 0;
            for (int i = 0; i < messages; i++) {
                BytesMessage m = tx.createBytesMessage();
                m.writeBytes(body);
                boolean match = i % 100 == 99;
                m.setStringProperty("color", match ? "red" : "blue");
                m.setIntProperty("sequence", i);
                p.send(m);
                if (match) red++;
                if (i % 500 == 499) tx.commit();
            }
            tx.commit();

            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(q, "color = 'red'");
            c.start();
            StoreStats before = cf.store().stats();
            long start = System.nanoTime();
            for (int i = 0; i < red; i++) {
                if (consumer.receive(60_000) == null) throw new IllegalStateException("only " + i + " of " + red + " arrived");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            StoreStats after = cf.store().stats();
            System.out.printf("%s: %d matches among %d messages in %.2f s: %.0f matches/s, %d claims%n",
                    url, red, messages, seconds, red / seconds, after.claims() - before.claims());
            consumer.close();
        }
        // Leave nothing behind in a shared database.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, user, "");
             PreparedStatement ps = c.prepareStatement("DELETE FROM rowmq_message WHERE destination = ?")) {
            ps.setString(1, queue);
            ps.executeUpdate();
        }
    }
}
