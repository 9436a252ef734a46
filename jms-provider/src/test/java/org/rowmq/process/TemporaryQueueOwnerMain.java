package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.ParentLink;

/**
 * A child JVM that owns a temporary queue: sends a request naming it in JMSReplyTo, waits for the parent's STOP, then
 * prints "GOT <text>" for each reply it finds and "DONE". Args: the request queue.
 */
public final class TemporaryQueueOwnerMain {
    private TemporaryQueueOwnerMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentLink parent = ParentLink.listen();
        try (RowConnectionFactory factory = ChildStore.factory(); Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            MessageConsumer consumer = session.createConsumer(replies);
            TextMessage request = session.createTextMessage("reply to me");
            request.setJMSReplyTo(replies);
            session.createProducer(session.createQueue(args[0])).send(request);
            ParentLink.ready(factory);
            parent.awaitStop();
            connection.start();
            for (TextMessage m; (m = (TextMessage) consumer.receive(2_000)) != null; ) ParentLink.say("GOT " + m.getText());
            ParentLink.say("DONE");
        }
    }
}
