package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.rowmq.client.RowConnectionFactory;

import java.nio.file.Path;

/**
 * A child JVM consuming a queue with CLIENT_ACKNOWLEDGE until told to stop, recording each message once its
 * acknowledgement returned. Args: queue name, record file.
 */
public final class CompetingConsumerMain {
    private CompetingConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentLink parent = ParentLink.listen();
        try (RowConnectionFactory factory = ChildStore.factory();
             Connection connection = factory.createConnection();
             RecordFile records = new RecordFile(Path.of(args[1]))) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(args[0]));
            connection.start();
            ParentLink.ready(factory);
            while (!parent.stopRequested()) {
                Message m = consumer.receive(200);
                if (m == null) continue;
                m.acknowledge();
                records.line(Consumption.format(Consumption.Kind.C, m));
            }
        }
        ParentLink.say("STOPPED");
    }
}
