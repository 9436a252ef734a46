package org.rowmq.cluster;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.ParentLink;
import org.rowmq.testsupport.RecordFile;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A child JVM of the cluster crash loops: a producer or a consumer that carries on through database failovers,
 * recording each outcome in a file with one unbuffered write per line (it survives the JVM):
 * {@code S id} a send returned, {@code U id} a send failed (outcome unknown: it may be stored, never sent again);
 * {@code C id} an acknowledgement returned, {@code A id} an acknowledgement failed (the message may be gone or come
 * back). Args: role (producer|consumer), JDBC URL, user, password, queue, record file. Prints READY, stops on STOP.
 */
public final class ClusterClientMain {

    private ClusterClientMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentLink parent = ParentLink.listen();
        StoreConfig config = StoreConfig.url(args[1], args[2], args[3])
                .withLease(Duration.ofMillis(500), Duration.ofSeconds(15));
        try (RowConnectionFactory factory = new RowConnectionFactory(config);
             Connection connection = factory.createConnection();
             RecordFile records = new RecordFile(Path.of(args[5]))) {
            connection.start();
            ParentLink.ready(factory);
            if (args[0].equals("producer")) produce(connection, args[4], records, parent);
            else consume(connection, args[4], records, parent);
        }
        ParentLink.say("STOPPED");
    }

    private static void produce(Connection connection, String queue, RecordFile records, ParentLink parent)
            throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue(queue));
        for (long n = 0; !parent.stopRequested(); n++) {
            String id = "m" + n;
            try {
                producer.send(session.createTextMessage(id));
                records.line("S " + id);
            } catch (JMSException e) {
                records.line("U " + id);
                System.err.println("send " + id + " failed: " + e);
                Thread.sleep(100);
            }
        }
    }

    private static void consume(Connection connection, String queue, RecordFile records, ParentLink parent)
            throws Exception {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        while (!parent.stopRequested()) {
            Message m;
            try {
                m = consumer.receive(200);
            } catch (JMSException e) {
                System.err.println("receive failed: " + e);
                Thread.sleep(100);
                continue;
            }
            if (m == null) continue;
            String id = ((TextMessage) m).getText();
            try {
                m.acknowledge();
                records.line("C " + id);
            } catch (JMSException e) {
                records.line("A " + id);
                System.err.println("acknowledge " + id + " failed: " + e);
                try {
                    session.recover();
                } catch (JMSException again) {
                    System.err.println("recover failed: " + again);
                }
            }
        }
    }
}
