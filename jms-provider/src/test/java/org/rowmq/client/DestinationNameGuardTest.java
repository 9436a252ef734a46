package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.message.RowQueue;
import org.rowmq.message.RowTopic;
import org.rowmq.testsupport.TestDatabase;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RowMQ's own names (another connection's temporary queue, a subscription's queue) cannot be reached through the
 * public destination constructors or by deserializing a destination; temporary destinations still work.
 */
class DestinationNameGuardTest {
    static final long WAIT = 10_000;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anotherConnectionsTemporaryQueueCannotBeNamedButStillWorksForItsOwner(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             Connection owner = cf.createConnection(); Connection other = cf.createConnection()) {
            owner.start();
            Session session = owner.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue temporary = session.createTemporaryQueue();
            TemporaryTopic temporaryTopic = session.createTemporaryTopic();
            String name = temporary.getQueueName();

            InvalidDestinationException e = assertThrows(InvalidDestinationException.class, () -> new RowQueue(name));
            assertTrue(e.getMessage().contains("reserved for RowMQ"), e.getMessage());
            assertThrows(InvalidDestinationException.class, () -> new RowTopic(temporaryTopic.getTopicName()));
            assertThrows(InvalidDestinationException.class, () -> new RowQueue("rowmq.sub.1"));
            assertThrows(InvalidDestinationException.class, () -> new RowQueue("bad name"));
            assertThrows(InvalidDestinationException.class,
                    () -> other.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(copy(temporary)));

            MessageConsumer consumer = session.createConsumer(temporary);
            TextMessage request = session.createTextMessage("reply here");
            request.setJMSReplyTo(temporary);
            session.createProducer(temporary).send(request);
            TextMessage received = (TextMessage) consumer.receive(WAIT);
            assertEquals("reply here", received.getText());
            assertEquals(temporary, received.getJMSReplyTo());
            session.createProducer(received.getJMSReplyTo()).send(session.createTextMessage("the reply"));
            assertEquals("the reply", ((TextMessage) consumer.receive(WAIT)).getText());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSerializedQueueWithAReservedNameIsRefused(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            byte[] plain = serialize(new RowQueue("plain.name"));
            assertEquals(new RowQueue("plain.name"), deserialize(plain));
            String temporaryName = session.createTemporaryQueue().getQueueName();
            byte[] forged = serialize(new RowQueue("x".repeat(temporaryName.length())));
            // Same length, so the name's bytes can be swapped in place: a RowQueue naming the temporary queue.
            byte[] target = temporaryName.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] xs = "x".repeat(temporaryName.length()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int at = indexOf(forged, xs);
            System.arraycopy(target, 0, forged, at, target.length);
            assertThrows(InvalidObjectException.class, () -> deserialize(forged));
        }
    }

    /** A temporary queue as another connection sees it after deserializing it (no owner). */
    private static jakarta.jms.Destination copy(TemporaryQueue q) throws Exception {
        return deserialize(serialize((java.io.Serializable) q));
    }

    private static byte[] serialize(java.io.Serializable o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static jakarta.jms.Destination deserialize(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (jakarta.jms.Destination) in.readObject();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
