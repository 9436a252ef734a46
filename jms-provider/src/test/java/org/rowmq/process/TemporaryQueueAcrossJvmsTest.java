package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.message.RowQueue;
import org.rowmq.testsupport.ChildJvm;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A temporary queue of another JVM: this JVM learns it from JMSReplyTo and may reply to it, but cannot consume or
 * browse it by any route; the owning JVM gets the reply.
 */
class TemporaryQueueAcrossJvmsTest {
    static final long WAIT = 20_000;

    static Stream<TestDatabase> databases() {
        return SharedDatabases.all("tempowner").limit(2); // H2 (AUTO_SERVER) and PostgreSQL
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anotherJvmRepliesToATemporaryQueueButCannotReadIt(TestDatabase db) throws Exception {
        Path dir = SharedDatabases.directory("tempowner", db);
        try (java.sql.Connection holdsH2Server = db.connect();
             RowConnectionFactory factory = new RowConnectionFactory(db.config());
             Connection connection = factory.createConnection()) {
            String requests = TestDatabase.unique("procs.requests");
            try (ChildJvm owner = ChildJvm.builder("temp-owner", TemporaryQueueOwnerMain.class).directory(dir)
                    .properties(ChildStore.properties(db.config(), 10)).args(requests).start()) {
                owner.awaitLine("READY", Duration.ofSeconds(60));
                connection.start();
                Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Destination replyTo = s.createConsumer(s.createQueue(requests)).receive(WAIT).getJMSReplyTo();
                String name = ((Queue) replyTo).getQueueName();

                assertThrows(JMSException.class, () -> s.createConsumer(replyTo));
                assertThrows(JMSException.class, () -> s.createBrowser((Queue) replyTo));
                assertThrows(JMSException.class, () -> s.createQueue(name));
                assertThrows(JMSException.class, () -> new RowQueue(name));
                assertThrows(JMSException.class, () -> s.createConsumer((Queue) () -> name));

                s.createProducer(replyTo).send(s.createTextMessage("the reply"));
                owner.tell("STOP");
                owner.awaitLine("DONE", Duration.ofSeconds(60));
                assertEquals(1, owner.stdoutLines().stream().filter(l -> l.equals("GOT the reply")).count(),
                        owner.stdoutLines().toString());
                assertEquals(0, owner.awaitExit(Duration.ofSeconds(30)), owner.diagnosis());
            }
        }
    }
}
