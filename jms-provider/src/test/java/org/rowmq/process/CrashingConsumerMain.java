package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.rowmq.client.RowConnectionFactory;

import java.nio.file.Path;

/**
 * A child JVM consuming a queue in a transacted session, one commit per message, until it is killed: for each message
 * it records "R" (received), commits, then records "C" (the commit returned). A SIGKILL can land anywhere in that
 * sequence, which is the point. Args: queue name, record file.
 */
public final class CrashingConsumerMain {
    private CrashingConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentLink parent = ParentLink.listen();
        try (RowConnectionFactory factory = ChildStore.factory();
             Connection connection = factory.createConnection();
             RecordFile records = new RecordFile(Path.of(args[1]))) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(args[0]));
            connection.start();
            ParentLink.ready(factory);
            while (!parent.stopRequested()) {
                Message m = consumer.receive(200);
                if (m == null) continue;
                records.line(Consumption.format(Consumption.Kind.R, m));
                session.commit();
                records.line(Consumption.format(Consumption.Kind.C, m));
            }
        }
        ParentLink.say("STOPPED");
    }
}
