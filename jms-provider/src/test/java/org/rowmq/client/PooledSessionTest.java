package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.messaginghub.pooled.jms.JmsPoolSession;
import org.rowmq.testsupport.TestDatabase;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * pooled-jms in front of RowMQ: a session returned to the pool is reset with setMessageListener(null) and handed out
 * again, so the pool must get the same provider session back and have nothing to complain about.
 */
class PooledSessionTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSessionReturnedToThePoolIsReusedWithoutAWarning(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("pooled");
        PrintStream stderr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config())) {
            JmsPoolConnectionFactory pool = new JmsPoolConnectionFactory();
            pool.setConnectionFactory(cf);
            pool.setMaxConnections(1);
            pool.setMaxSessionsPerConnection(1);
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            Session first;
            try {
                try (Connection c = pool.createConnection()) {
                    Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    first = ((JmsPoolSession) s).getInternalSession();
                    Queue q = s.createQueue(queue);
                    for (int i = 0; i < 20; i++) s.createProducer(q).send(s.createTextMessage("m" + i));
                    s.close();
                }
                for (int i = 0; i < 20; i++) {
                    try (Connection c = pool.createConnection()) {
                        c.start();
                        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        assertSame(first, ((JmsPoolSession) s).getInternalSession(), "borrow " + i);
                        assertNull(s.getMessageListener());
                        try (MessageConsumer consumer = s.createConsumer(s.createQueue(queue))) {
                            assertEquals("m" + i, ((TextMessage) consumer.receive(10_000)).getText());
                        }
                        s.close();
                    }
                }
            } finally {
                System.setErr(stderr);
                pool.stop();
            }
        }
        String output = logged.toString(StandardCharsets.UTF_8);
        System.err.print(output);
        // Only the pool's own loggers: the store's migration has its own logging rules.
        assertFalse(output.lines().anyMatch(l -> l.contains("WARN org.messaginghub")), "pooled-jms logged a warning:\n"
                + output);
    }
}
