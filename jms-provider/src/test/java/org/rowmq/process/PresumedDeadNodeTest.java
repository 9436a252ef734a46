package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.ChildJvm;
import org.rowmq.testsupport.ParentLink;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node that another node presumed dead (its heartbeat looked older than the other's lease: a long GC pause, a
 * starved heartbeat thread, or simply a longer heartbeat than the other node's lease) goes on claiming messages until
 * its next heartbeat re-registers it. If it dies before that heartbeat, the messages it claimed in between must still
 * come back: no message may stay in flight for ever under an owner that the node table no longer knows.
 *
 * <p>The child here runs with a 5 s heartbeat and a 10 s lease, the test JVM with a 1 s lease. This first exposed
 * two defects: the test JVM reaped the live child by its own 1 s lease, and the rows the child claimed afterwards,
 * its node row deleted, were never returned. Now each node is judged by the lease its own row states, and a reaped
 * node's row stays (every reaper pass returns what it holds) until it has been silent for several leases; the child
 * claims, is killed before its first heartbeat, and its messages come back. Rows the test JVM's reaper takes back
 * between the child's claim and its delivery mark are not delivered there: the child's receive fails and it receives
 * again.
 */
class PresumedDeadNodeTest {
    private static final int MESSAGES = 20;

    static Stream<TestDatabase> databases() {
        return SharedDatabases.all("presumed-dead");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void messagesClaimedAfterBeingPresumedDeadComeBackWhenTheNodeReallyDies(TestDatabase db) throws Exception {
        Path dir = SharedDatabases.directory("presumed-dead", db);
        // Opened before any child: for H2 this JVM then serves the file to the children.
        try (java.sql.Connection holdsH2Server = db.connect();
             RowConnectionFactory factory = new RowConnectionFactory(db.config(Duration.ofMillis(200), Duration.ofSeconds(1)));
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = session.createQueue(TestDatabase.unique("procs.presumed"));
            try (ChildJvm holder = ChildJvm.builder("holder", HoldingConsumerMain.class).directory(dir)
                    .properties(ChildStore.properties(db.config(Duration.ofSeconds(5), Duration.ofSeconds(10)), 10))
                    .args(queue.getQueueName(), dir.resolve("holder.records").toString(), "4").start()) {
                holder.awaitLine("READY", Duration.ofSeconds(60));
                String node = ParentLink.nodeOf(holder);
                presumeDead(db, node);
                SharedDatabases.send(connection, queue, IntStream.range(0, MESSAGES).mapToObj(i -> "m" + i).toList());
                holder.awaitLine("HELD", Duration.ofSeconds(30));
                holder.kill();
            }

            connection.start();
            MessageConsumer consumer = session.createConsumer(queue);
            Set<String> received = new HashSet<>();
            for (int i = 0; i < MESSAGES; i++) {
                Message m = consumer.receive(30_000);
                assertNotNull(m, "message " + (i + 1) + " of " + MESSAGES + " within 30 s; got " + received
                        + InFlightDiagnosis.describe(db, queue.getQueueName()));
                assertTrue(received.add(((TextMessage) m).getText()));
                m.acknowledge();
            }
            assertEquals(0, factory.store().depth(queue.getQueueName()));
        }
    }

    /**
     * Makes the live child look as if it missed its heartbeats for a little more than its lease (what a long pause
     * would do), then gives the test JVM's reaper (every 200 ms) time to reap it: it holds nothing yet.
     */
    private static void presumeDead(TestDatabase db, String node) throws Exception {
        try (java.sql.Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("UPDATE rowmq_node SET heartbeat = ? WHERE id = ?")) {
            ps.setLong(1, System.currentTimeMillis() - 11_000);
            ps.setString(2, node);
            assertEquals(1, ps.executeUpdate(), "the child's node row exists");
        }
        Thread.sleep(1000);
    }
}
