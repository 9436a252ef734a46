package org.rowmq.dispatch;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.TestDatabase;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Factories with the same configuration share one store and one runtime on it: a consumer of one factory is woken by
 * a send through another, and stays so after the other closes. Idle consumers here look at the database only once an
 * hour, so a message that reaches a listener within the test's wait came by a wake-up, not by a poll.
 */
class SharedStoreDispatchTest {
    private static final long WAIT_SECONDS = 20;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @BeforeAll
    static void pollOncePerHour() {
        System.setProperty(PollInterval.IDLE_POLL_PROPERTY, Long.toString(3_600_000));
    }

    @AfterAll
    static void pollAsUsual() {
        System.clearProperty(PollInterval.IDLE_POLL_PROPERTY);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSendThroughAnotherFactoryWakesTheConsumerAndStillDoesAfterItCloses(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("two-factories");
        try (RowConnectionFactory first = new RowConnectionFactory(db.config()); Connection receiving = first.createConnection()) {
            Session s = receiving.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(queue);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            s.createConsumer(q).setMessageListener(m -> {
                try {
                    received.add(((TextMessage) m).getText());
                } catch (JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            receiving.start();

            RowConnectionFactory second = new RowConnectionFactory(db.config());
            try (Connection sending = second.createConnection()) {
                Session ss = sending.createSession(false, Session.AUTO_ACKNOWLEDGE);
                sendLater(ss, q, "through the second factory");
                assertArrived("through the second factory", received);
            }
            second.close();

            try (Connection sending = first.createConnection()) {
                Session ss = sending.createSession(false, Session.AUTO_ACKNOWLEDGE);
                sendLater(ss, q, "after the second factory closed");
                assertArrived("after the second factory closed", received);
            }
        }
    }

    /** Sends once the listener's session is waiting (its first look found nothing), so only a wake-up brings it in time. */
    private static void sendLater(Session session, Queue queue, String text) {
        Thread sender = new Thread(() -> {
            try {
                Thread.sleep(300);
                session.createProducer(queue).send(session.createTextMessage(text));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "sender");
        sender.setDaemon(true);
        sender.start();
    }

    private static void assertArrived(String expected, BlockingQueue<String> received) throws InterruptedException {
        String got = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(got, "the listener was not woken: '" + expected + "' did not arrive within " + WAIT_SECONDS + " s");
        assertEquals(expected, got);
    }
}
