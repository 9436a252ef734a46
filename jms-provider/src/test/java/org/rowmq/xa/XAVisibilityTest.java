package org.rowmq.xa;

import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.XASession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.store.DestinationSettings;
import org.rowmq.testsupport.TestDatabase;

import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.xa.XAFixture.send;
import static org.rowmq.xa.XAFixture.texts;

/**
 * What other consumers see of a branch on each database: nothing it sent until it commits, none of what it received
 * until it rolls back; after rollback the received message comes back with its delivery count raised, and past the
 * maximum deliveries to the dead-letter queue.
 */
class XAVisibilityTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sentMessagesAreInvisibleUntilCommitAndReceivedOnesStayUnavailable(TestDatabase db) throws Exception {
        try (XAFixture fx = new XAFixture(db)) {
            Queue in = XAFixture.queue("xa.vis.in");
            Queue out = XAFixture.queue("xa.vis.out");
            fx.send(in, "request");
            XASession s = fx.xaSession();
            XAResource r = s.getXAResource();
            Xid xid = TestXid.next();
            r.start(xid, TMNOFLAGS);
            XAFixture.receive(s, in);
            send(s, out, "reply");
            assertNothingFor(fx, in, out, "while the branch is active");
            r.end(xid, TMSUCCESS);
            assertNothingFor(fx, in, out, "after end");
            r.prepare(xid);
            assertNothingFor(fx, in, out, "after prepare");
            assertEquals(0, fx.factory.store().depth(out.getQueueName()), "a held send is not counted as stored");
            r.commit(xid, false);
            assertEquals(List.of("reply"), texts(fx.drain(out)));
            assertEquals(List.of(), fx.drain(in));
            assertEquals(0, fx.factory.store().depth(in.getQueueName()), "the received message is gone");
        }
    }

    private static void assertNothingFor(XAFixture fx, Queue in, Queue out, String when) throws Exception {
        assertEquals(List.of(), fx.drain(out), "sent in the branch, " + when);
        assertEquals(List.of(), fx.drain(in), "received in the branch, " + when);
        try (var connection = fx.factory.createConnection()) {
            Session plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = plain.createBrowser(out);
            assertFalse(browser.getEnumeration().hasMoreElements(), "browsing " + when);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRolledBackReceiveIsRedeliveredWithTheCountRaisedAndFinallyDeadLettered(TestDatabase db) throws Exception {
        try (XAFixture fx = new XAFixture(db)) {
            Queue in = XAFixture.queue("xa.redeliver");
            String dlq = TestDatabase.unique("xa.redeliver.DLQ");
            fx.factory.configureDestination(in.getQueueName(), DestinationSettings.DEFAULTS.withMaxDeliveries(3, dlq));
            fx.send(in, "poison");
            XASession s = fx.xaSession();
            XAResource r = s.getXAResource();
            for (int delivery = 1; delivery <= 3; delivery++) {
                Xid xid = TestXid.next();
                r.start(xid, TMNOFLAGS);
                Message m = XAFixture.receive(s, in);
                assertEquals(delivery, m.getIntProperty("JMSXDeliveryCount"));
                assertEquals(delivery > 1, m.getJMSRedelivered());
                r.end(xid, TMSUCCESS);
                if (delivery % 2 == 0) { // alternate between rolling back an idle and a prepared branch
                    r.prepare(xid);
                }
                r.rollback(xid);
            }
            assertEquals(List.of(), fx.drain(in));
            List<Message> dead = fx.drain(new org.rowmq.message.RowQueue(dlq));
            assertEquals(List.of("poison"), texts(dead));
            assertEquals(in.getQueueName(), dead.get(0).getStringProperty("JMS_RowMQ_OriginalDestination"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onePhaseCommitAndTwoPhaseCommitLeaveTheSameResult(TestDatabase db) throws Exception {
        try (XAFixture fx = new XAFixture(db)) {
            Queue in = XAFixture.queue("xa.phases.in");
            Queue out = XAFixture.queue("xa.phases.out");
            fx.send(in, "a", "b");
            XASession s = fx.xaSession();
            XAResource r = s.getXAResource();
            for (boolean onePhase : new boolean[]{true, false}) {
                Xid xid = TestXid.next();
                r.start(xid, TMNOFLAGS);
                String got = XAFixture.receive(s, in).getBody(String.class);
                send(s, out, "reply to " + got);
                r.end(xid, TMSUCCESS);
                if (!onePhase) r.prepare(xid);
                r.commit(xid, onePhase);
            }
            List<String> replies = texts(fx.drain(out));
            Collections.sort(replies);
            assertEquals(List.of("reply to a", "reply to b"), replies);
            assertTrue(fx.drain(in).isEmpty());
        }
    }
}
