package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.ParentLink;

/**
 * A child JVM that publishes {@link TopicMessages} to a topic, prints "PUBLISHED" and exits. Args: topic name, id
 * prefix, number of messages.
 */
public final class TopicPublisherMain {
    private TopicPublisherMain() {
    }

    public static void main(String[] args) throws Exception {
        ParentLink.listen();
        try (RowConnectionFactory factory = ChildStore.factory(); Connection connection = factory.createConnection()) {
            TopicMessages.publish(connection, connection.createSession(false, Session.AUTO_ACKNOWLEDGE)
                    .createTopic(args[0]), args[1], Integer.parseInt(args[2]));
        }
        ParentLink.say("PUBLISHED");
    }
}
