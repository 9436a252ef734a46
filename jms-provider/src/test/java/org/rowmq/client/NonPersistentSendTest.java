package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A NON_PERSISTENT send returns without waiting for its commit. The store's committer is held on a row lock (an
 * acknowledgement whose DELETE waits for a lock this test holds), so a send that waited for its commit could not return;
 * the non-persistent one returns while its row is not yet in the table, and is delivered once when the lock goes.
 */
class NonPersistentSendTest {
    static final long WAIT = 30_000;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aNonPersistentSendReturnsBeforeItsCommitAndIsDeliveredOnce(TestDatabase given) throws Exception {
        // H2 gives up on a lock after a second by default; the committer must stay blocked while the test looks.
        TestDatabase db = given.kind() == TestDatabase.Kind.H2 ? given.withUrl(given.url() + ";LOCK_TIMEOUT=60000")
                : given;
        ExecutorService threads = Executors.newCachedThreadPool();
        // The store's one group commit: the send queues behind the blocked acknowledgement.
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config().withPoolSize(3));
             Connection c = cf.createConnection();
             java.sql.Connection locker = db.connect(); java.sql.Connection reader = db.connect()) {
            c.start();
            Session clientAck = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue held = clientAck.createQueue(TestDatabase.unique("held"));
            clientAck.createProducer(held).send(clientAck.createTextMessage("held"));
            Message heldMessage = clientAck.createConsumer(held).receive(WAIT);

            locker.setAutoCommit(false);
            try (PreparedStatement lock = locker.prepareStatement(
                    "SELECT id FROM rowmq_message WHERE destination = ? FOR UPDATE")) {
                lock.setString(1, held.getQueueName());
                try (ResultSet rs = lock.executeQuery()) {
                    while (rs.next()) rs.getLong(1);
                }
            }
            Thread acknowledging = new Thread(() -> {
                try {
                    heldMessage.acknowledge();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            acknowledging.start();
            // Parked on its future: the acknowledgement is with the committer, which now waits for the lock.
            while (acknowledging.getState() != Thread.State.WAITING) Thread.onSpinWait();

            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = session.createQueue(TestDatabase.unique("nonpersistent"));
            MessageProducer producer = session.createProducer(q);
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            Future<?> send = threads.submit(() -> {
                producer.send(session.createTextMessage("at most once"));
                return null;
            });
            send.get(WAIT, TimeUnit.MILLISECONDS);
            assertEquals(0, rows(reader, q.getQueueName()), "the send returned before its row was committed");

            locker.rollback();
            acknowledging.join(WAIT);
            MessageConsumer consumer = session.createConsumer(q);
            assertEquals("at most once", ((TextMessage) consumer.receive(WAIT)).getText());
            assertNull(consumer.receive(500));
        } finally {
            threads.shutdownNow();
        }
    }

    private static long rows(java.sql.Connection c, String destination) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM rowmq_message WHERE destination = ?")) {
            ps.setString(1, destination);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
