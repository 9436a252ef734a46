package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.ParentLink;
import org.rowmq.testsupport.RecordFile;

import java.nio.file.Path;

/**
 * What every consuming child JVM opens and how it ends: the link to its parent, the connection factory
 * {@link ChildStore} describes, one connection and the {@link RecordFile} it writes what it consumed to. The child's
 * main adds its sessions and consumers, calls {@link #start()} when it is ready to receive, and stops on the parent's
 * STOP.
 */
record ChildConsumer(ParentLink parent, RowConnectionFactory factory, Connection connection, RecordFile records) {

    /** The child's own part, run with everything open; all of it is closed afterwards, whatever happened. */
    @FunctionalInterface
    interface Body {
        void run(ChildConsumer child) throws Exception;
    }

    /** What the child does with each message it receives. */
    @FunctionalInterface
    interface Handling {
        void handle(Message m) throws Exception;
    }

    /** What a queue consumer does with each message it receives, in its session, recording into its file. */
    @FunctionalInterface
    interface QueueHandling {
        void handle(Message m, Session session, RecordFile records) throws Exception;
    }

    /** Listens to the parent first, so that a child whose parent is gone halts even while it is still opening. */
    static void run(Path recordFile, Body body) throws Exception {
        ParentLink parent = ParentLink.listen();
        try (RowConnectionFactory factory = ChildStore.factory();
             Connection connection = factory.createConnection();
             RecordFile records = new RecordFile(recordFile)) {
            body.run(new ChildConsumer(parent, factory, connection, records));
        }
    }

    /**
     * The plain queue consumer: one session in {@code sessionMode} and one consumer on the queue, handling each
     * message until the parent says STOP, then "STOPPED" once everything is closed. Args: queue name, record file.
     */
    static void consumeQueue(String[] args, int sessionMode, QueueHandling handling) throws Exception {
        run(Path.of(args[1]), child -> {
            Session session = child.connection().createSession(sessionMode);
            MessageConsumer consumer = session.createConsumer(session.createQueue(args[0]));
            child.start();
            child.receiveUntilStopped(consumer, m -> handling.handle(m, session, child.records()));
        });
        ParentLink.say("STOPPED");
    }

    /** Starts delivery, then tells the parent this child's node and that it is ready. */
    void start() throws JMSException {
        connection.start();
        ParentLink.ready(factory);
    }

    /** Polls briefly so that the parent's STOP is seen within a fraction of a second. */
    void receiveUntilStopped(MessageConsumer consumer, Handling handling) throws Exception {
        while (!parent.stopRequested()) {
            Message m = consumer.receive(200);
            if (m != null) handling.handle(m);
        }
    }
}
