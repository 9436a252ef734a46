package org.rowmq.store;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.TestDatabase;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A receive whose delivery mark fails (a failover, a server crash) puts the message back in its queue; when that
 * put-back fails too, the message must not stay in flight under the live node with no consumer holding it. Found by
 * PostgresFailoverTest: the row came back only when the node closed, and the drain reported the message lost. Now
 * the put-back runs again before the node's next claim, and the message is received, once.
 */
class CutReleaseTest {

    /** Where the put-back fails: before it read its rows, or at its commit (which did not take place). */
    enum Fault { READ, COMMIT }

    static Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return TestDatabase.all().flatMap(db -> Stream.of(Fault.values())
                .map(f -> org.junit.jupiter.params.provider.Arguments.of(db, f)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aMessageWhosePutBackFailedIsReceivedOnceByAConsumerOfTheSameLiveNode(TestDatabase db, Fault fault)
            throws Exception {
        db.config(); // skips or fails (CI) when the database is unreachable
        AtomicBoolean failMark = new AtomicBoolean();
        AtomicBoolean failRelease = new AtomicBoolean();
        try (RowConnectionFactory faulty = new RowConnectionFactory(StoreConfig.dataSource(
                     failingMarkAndRelease(db, fault, failMark, failRelease)));
             RowConnectionFactory other = new RowConnectionFactory(StoreConfig.dataSource(
                     FaultyConnections.over(db, c -> c)));
             Connection here = faulty.createConnection();
             Connection there = other.createConnection()) {
            // A session that marks each delivery before the application sees it (an AUTO_ACKNOWLEDGE receive does not).
            Session session = here.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue(TestDatabase.unique("cut-release"));
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("first"));
            producer.send(session.createTextMessage("once"));
            here.start();
            there.start();
            MessageConsumer consumer = session.createConsumer(queue);
            // The claim marks the message it hands to this first receive in its own UPDATE; the second message, claimed
            // with it, needs a mark of its own: that is the one that fails.
            assertEquals("first", ((TextMessage) consumer.receive(10_000)).getText());

            failMark.set(true);
            failRelease.set(true);
            assertThrows(JMSException.class, () -> consumer.receive(10_000), "the delivery mark failed");
            assertFalse(failMark.get(), "the mark was attempted");
            assertFalse(failRelease.get(), "and so was the put-back");

            TextMessage again = (TextMessage) consumer.receive(10_000);
            assertNotNull(again, "the message is not stuck in flight under its live node");
            assertEquals("once", again.getText());
            assertEquals(1, again.getIntProperty("JMSXDeliveryCount"), "put back untouched: it was never delivered");
            again.acknowledge();

            Session elsewhere = there.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertNull(elsewhere.createConsumer(queue).receive(1_000), "the other node does not receive it too");
            assertNull(consumer.receive(500), "nor does this node a second time");
        }
    }

    /**
     * Connections on which, while armed, the next delivery mark fails at its commit as a broken connection does (rolled
     * back: a statement failing before the commit the group committer runs again on a new connection; on PostgreSQL
     * the group's one statement, which is its commit too, fails before it runs), and so does the
     * next put-back: at its read of the rows it returns (locked for it), or at its commit (rolled back too).
     */
    private static DataSource failingMarkAndRelease(TestDatabase db, Fault fault, AtomicBoolean failMark,
                                                    AtomicBoolean failRelease) {
        return FaultyConnections.over(db, c -> {
            AtomicBoolean marking = new AtomicBoolean();
            AtomicBoolean releasing = new AtomicBoolean();
            return FaultyConnections.proxy(java.sql.Connection.class, (m, a) -> {
                if (m.getName().equals("commit") || m.getName().equals("rollback")) {
                    boolean marked = marking.getAndSet(false);
                    boolean released = releasing.getAndSet(false);
                    if (m.getName().equals("commit") && (marked && failMark.getAndSet(false)
                            || released && fault == Fault.COMMIT && failRelease.getAndSet(false))) {
                        c.rollback();
                        throw FaultyConnections.lostConnection();
                    }
                }
                Object r = FaultyConnections.pass(c, m, a);
                if (!m.getName().startsWith("prepare") || a == null || !(a[0] instanceof String sql)) return r;
                if (sql.startsWith("UPDATE rowmq_message SET delivered = 1")) marking.set(true);
                // PostgreSQL writes the mark's group in one statement that commits itself: it fails before it runs.
                if (sql.startsWith("WITH") && sql.contains("k AS (UPDATE rowmq_message SET delivered = 1")) {
                    return failingOnce((PreparedStatement) r, failMark);
                }
                if (sql.startsWith("SELECT id, destination, delivery_count, delivered") && sql.contains("WHERE owner_node = ?")
                        && sql.contains("FOR UPDATE")) {
                    releasing.set(true);
                    if (fault == Fault.READ) return failingOnce((PreparedStatement) r, failRelease);
                }
                return r;
            });
        });
    }

    private static PreparedStatement failingOnce(PreparedStatement real, AtomicBoolean armed) {
        return FaultyConnections.proxy(PreparedStatement.class, (m, a) -> {
            if (m.getName().startsWith("execute") && armed.getAndSet(false)) throw FaultyConnections.lostConnection();
            return FaultyConnections.pass(real, m, a);
        });
    }
}
