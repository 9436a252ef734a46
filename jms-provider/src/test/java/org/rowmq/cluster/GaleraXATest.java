package org.rowmq.cluster;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.GaleraCluster;
import org.rowmq.testsupport.TestDatabase;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * XA branches on one Galera node while a transaction on another node keeps writing the same rows (the branches' rows
 * and the messages they received): the branch's prepare and commit lose certification at times, which rolls them back
 * on every node, and RowMQ runs them again instead of reporting an error to the transaction manager. Every message
 * received in a branch is consumed once and every message sent in one is stored once. Before, the first certification
 * failure reached the transaction manager as an XAException (or a prepare of unknown outcome).
 */
class GaleraXATest {

    private static final int BRANCHES = 40;
    /**
     * Between two writes of the other node: a few branch transactions fit in, so a branch loses sometimes but not
     * every attempt, as under real contention. A writer that never paused would win every time (a livelock no retry
     * count ends).
     */
    private static final long WRITER_PAUSE_MILLIS = 25;

    @Test
    void branchesLosingCertificationToAnotherNodeRunAgainAndCommitOnce() throws Exception {
        String in = TestDatabase.unique("galera.xa.in");
        String out = TestDatabase.unique("galera.xa.out");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger conflictingWrites = new AtomicInteger();
        AtomicReference<Exception> writerFailure = new AtomicReference<>();
        try (GaleraCluster cluster = GaleraCluster.start(2, 26620);
             RowXAConnectionFactory factory = new RowXAConnectionFactory(StoreConfig.url(cluster.url(0), "root", ""))) {
            factory.setPrefetch(1);
            try (Connection plain = factory.createConnection()) {
                Session s = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(s.createQueue(in));
                for (int i = 0; i < BRANCHES; i++) p.send(s.createTextMessage("in-" + i));
            }
            Thread writer = new Thread(() -> conflict(cluster, in, stop, conflictingWrites, writerFailure), "node-1-writer");
            writer.start();
            try (XAConnection connection = factory.createXAConnection()) {
                connection.start();
                XASession session = connection.createXASession();
                XAResource xa = session.getXAResource();
                MessageConsumer consumer = session.getSession().createConsumer(session.getSession().createQueue(in));
                MessageProducer producer = session.getSession().createProducer(session.getSession().createQueue(out));
                for (int i = 0; i < BRANCHES; i++) {
                    Xid xid = xid(i);
                    xa.start(xid, XAResource.TMNOFLAGS);
                    Message m = consumer.receive(10_000);
                    assertNotNull(m, "branch " + i + " received a message");
                    producer.send(session.getSession().createTextMessage("out-" + ((TextMessage) m).getText()));
                    xa.end(xid, XAResource.TMSUCCESS);
                    assertEquals(XAResource.XA_OK, xa.prepare(xid), "branch " + i + " prepared");
                    // The first prepared branch waits for the other node to write its rows, so that at least one
                    // commit meets a conflicting write however fast the branches run.
                    if (i == 0) awaitFirstWrite(conflictingWrites, writerFailure);
                    xa.commit(xid, false);
                }
            } finally {
                stop.set(true);
                writer.join(30_000);
            }
            assertNull(writerFailure.get(), "the other node's writer ran throughout");
            assertTrue(conflictingWrites.get() > 0, "the other node wrote the branches' rows meanwhile");

            List<String> outs = new ArrayList<>();
            try (RowConnectionFactory other = new RowConnectionFactory(StoreConfig.url(cluster.url(1), "root", ""));
                 Connection drainer = other.createConnection()) {
                drainer.start();
                outs.addAll(CrashLoopTrial.drain(drainer, out));
                assertTrue(CrashLoopTrial.drain(drainer, in).isEmpty(), "every received message was consumed");
            }
            assertEquals(BRANCHES, outs.size(), "every branch's send stored once: " + outs);
            assertEquals(BRANCHES, outs.stream().distinct().count(), "none twice: " + outs);
            System.out.println("Galera XA: " + BRANCHES + " branches committed while node 1 wrote their rows "
                    + conflictingWrites.get() + " times");
        }
    }

    private static void awaitFirstWrite(AtomicInteger writes, AtomicReference<Exception> failure)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (writes.get() == 0 && failure.get() == null && System.currentTimeMillis() < deadline) Thread.sleep(20);
    }

    /**
     * On node 1, every {@link #WRITER_PAUSE_MILLIS} until stopped: changes a column RowMQ does not read while the rows are held (the branch rows' time,
     * the in-flight and held messages' visibility), so that every such write conflicts with node 0's branch work.
     */
    private static void conflict(GaleraCluster cluster, String queue, AtomicBoolean stop, AtomicInteger writes,
                                 AtomicReference<Exception> failure) {
        try (java.sql.Connection c = cluster.connect(1);
             PreparedStatement branches = c.prepareStatement("UPDATE rowmq_xa_branch SET prepared_at = prepared_at + 1");
             PreparedStatement held = c.prepareStatement("UPDATE rowmq_message SET visible_at = visible_at + 1"
                     + " WHERE destination = ? AND state <> 0")) {
            held.setString(1, queue);
            while (!stop.get()) {
                try {
                    writes.addAndGet(branches.executeUpdate() + held.executeUpdate());
                } catch (java.sql.SQLException e) {
                    if (!"40001".equals(e.getSQLState())) throw e; // it lost certification itself: write again
                }
                Thread.sleep(WRITER_PAUSE_MILLIS);
            }
        } catch (Exception e) {
            failure.set(e);
        }
    }

    private static Xid xid(int i) {
        byte[] gtrid = ("rowmq-galera-xa-" + System.nanoTime() + "-" + i).getBytes(StandardCharsets.US_ASCII);
        return new Xid() {
            @Override
            public int getFormatId() {
                return 4712;
            }

            @Override
            public byte[] getGlobalTransactionId() {
                return gtrid.clone();
            }

            @Override
            public byte[] getBranchQualifier() {
                return new byte[]{1};
            }
        };
    }
}
