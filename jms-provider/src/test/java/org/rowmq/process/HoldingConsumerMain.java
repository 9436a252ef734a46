package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.rowmq.client.RowConnectionFactory;

import java.nio.file.Path;

/**
 * A child JVM that receives a few messages with CLIENT_ACKNOWLEDGE and never acknowledges them, so that it dies (by
 * SIGKILL) holding delivered-unacknowledged messages plus whatever its prefetch claimed beyond them. Records "R" for
 * each delivered message, then prints "HELD". Args: queue name, record file, number of messages to receive.
 */
public final class HoldingConsumerMain {
    private HoldingConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentLink parent = ParentLink.listen();
        int count = Integer.parseInt(args[2]);
        try (RowConnectionFactory factory = ChildStore.factory();
             Connection connection = factory.createConnection();
             RecordFile records = new RecordFile(Path.of(args[1]))) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(args[0]));
            connection.start();
            ParentLink.ready(factory);
            for (int i = 0; i < count; i++) {
                Message m = consumer.receive(30_000);
                if (m == null) throw new IllegalStateException("no message " + (i + 1) + " of " + count + " within 30 s");
                records.line(Consumption.format(Consumption.Kind.R, m));
            }
            ParentLink.say("HELD");
            while (!parent.stopRequested()) Thread.sleep(100);
        }
    }
}
