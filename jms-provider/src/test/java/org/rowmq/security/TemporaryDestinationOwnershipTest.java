package org.rowmq.security;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.message.RowQueue;
import org.rowmq.message.RowTopic;
import org.rowmq.testsupport.TestDatabase;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A temporary destination belongs to the connection that created it: no other connection reads it by any route,
 * whether of the same factory or of a second factory with a store of its own on the same database (what another JVM
 * is), while the others may still send replies to it.
 */
class TemporaryDestinationOwnershipTest {
    static final long WAIT = 10_000;

    static Stream<TestDatabase> databases() {
        return Stream.of(TestDatabase.h2(TemporaryDestinationOwnershipTest.class), TestDatabase.postgresql());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void noOtherConnectionReadsATemporaryQueueByAnyRoute(TestDatabase db) throws Exception {
        try (RowConnectionFactory first = new RowConnectionFactory(db.config());
             // A different pool size is a different store: its own pool, node and dispatcher, as in another JVM.
             RowConnectionFactory second = new RowConnectionFactory(db.config().withPoolSize(3));
             Connection owner = first.createConnection();
             Connection sameFactory = first.createConnection();
             Connection otherStore = second.createConnection();
             JMSContext otherContext = second.createContext()) {
            Session os = owner.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue temporary = os.createTemporaryQueue();
            MessageConsumer ownConsumer = os.createConsumer(temporary);
            String name = temporary.getQueueName();

            // The other side learns the queue the usual way, from JMSReplyTo.
            String requests = TestDatabase.unique("requests");
            TextMessage request = os.createTextMessage("reply to me");
            request.setJMSReplyTo(temporary);
            os.createProducer(os.createQueue(requests)).send(request);
            otherStore.start();
            Session other = otherStore.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Destination replyTo = other.createConsumer(other.createQueue(requests)).receive(WAIT).getJMSReplyTo();
            assertEquals(name, ((Queue) replyTo).getQueueName());

            for (Connection c : new Connection[]{sameFactory, otherStore}) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                refused(() -> s.createConsumer(replyTo));
                refused(() -> s.createConsumer(replyTo, "TRUE"));
                refused(() -> s.createBrowser((Queue) replyTo));
                refused(() -> s.createQueue(name));
                refused(() -> s.createConsumer(foreignQueue(name)));
                refused(() -> s.createConsumer(serializedCopy((Serializable) temporary)));
            }
            refused(() -> new RowQueue(name));
            refusedRuntime(() -> otherContext.createConsumer(replyTo));
            refusedRuntime(() -> otherContext.createBrowser((Queue) replyTo));
            refusedRuntime(() -> otherContext.createQueue(name));

            // Replies are what a temporary queue is for: the others may send, and only the owner receives.
            other.createProducer(replyTo).send(other.createTextMessage("the reply"));
            owner.start();
            assertEquals("the reply", ((TextMessage) ownConsumer.receive(WAIT)).getText());
            assertNull(ownConsumer.receiveNoWait());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void noOtherConnectionSubscribesToATemporaryTopicByAnyRoute(TestDatabase db) throws Exception {
        try (RowConnectionFactory first = new RowConnectionFactory(db.config());
             RowConnectionFactory second = new RowConnectionFactory(db.config().withPoolSize(3));
             Connection owner = first.createConnection();
             Connection otherStore = second.createConnection()) {
            Session os = owner.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryTopic temporary = os.createTemporaryTopic();
            MessageConsumer ownConsumer = os.createConsumer(temporary);
            String requests = TestDatabase.unique("requests");
            TextMessage request = os.createTextMessage("publish to me");
            request.setJMSReplyTo(temporary);
            os.createProducer(os.createQueue(requests)).send(request);

            otherStore.setClientID(TestDatabase.unique("other"));
            otherStore.start();
            Session s = otherStore.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic replyTo = (Topic) s.createConsumer(s.createQueue(requests)).receive(WAIT).getJMSReplyTo();
            refused(() -> s.createConsumer(replyTo));
            refused(() -> s.createSharedConsumer(replyTo, "shared"));
            refused(() -> s.createDurableConsumer(replyTo, "durable"));
            refused(() -> s.createSharedDurableConsumer(replyTo, "shared-durable"));
            refused(() -> s.createTopic(temporary.getTopicName()));
            refused(() -> new RowTopic(temporary.getTopicName()));

            s.createProducer(replyTo).send(s.createTextMessage("published"));
            owner.start();
            assertEquals("published", ((TextMessage) ownConsumer.receive(WAIT)).getText());
        }
    }

    private static void refused(Executable call) {
        assertThrows(JMSException.class, call);
    }

    private static void refusedRuntime(Executable call) {
        assertThrows(JMSRuntimeException.class, call);
    }

    /** Another provider's Queue carrying the name. */
    private static Queue foreignQueue(String name) {
        return () -> name;
    }

    private static Destination serializedCopy(Serializable destination) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(destination);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Destination) in.readObject();
        }
    }
}
