package org.rowmq.xa;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rowmq.testsupport.TestDatabase;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import static javax.transaction.xa.XAResource.TMENDRSCAN;
import static javax.transaction.xa.XAResource.TMFAIL;
import static javax.transaction.xa.XAResource.TMJOIN;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMRESUME;
import static javax.transaction.xa.XAResource.TMSTARTRSCAN;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static javax.transaction.xa.XAResource.TMSUSPEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.xa.XAAssertions.assertXA;
import static org.rowmq.xa.XAAssertions.listed;
import static org.rowmq.xa.XAFixture.send;
import static org.rowmq.xa.XAFixture.texts;

/**
 * The XAResource's state machine on H2: every legal sequence of start/end (TMJOIN, TMSUSPEND, TMRESUME, TMFAIL),
 * prepare, commit (one and two phase), rollback, recover and forget does its work, and every illegal one fails with
 * the code the XA specification gives it.
 */
class XAStateMachineTest {

    private static XAFixture fx;

    @BeforeAll
    static void open() throws Exception {
        fx = new XAFixture(TestDatabase.h2(XAStateMachineTest.class));
    }

    @AfterAll
    static void close() throws Exception {
        fx.close();
    }

    // ---------------------------------------------------------------- legal sequences

    @Test
    void startSendEndPrepareCommitDeliversTheMessage() throws Exception {
        Queue q = XAFixture.queue("xa.2pc");
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        send(s, q, "two-phase");
        r.end(xid, TMSUCCESS);
        assertEquals(XAResource.XA_OK, r.prepare(xid));
        r.commit(xid, false);
        assertEquals(List.of("two-phase"), texts(fx.drain(q)));
    }

    @Test
    void aBranchThatDidNothingIsReadOnlyAndForgotten() throws Exception {
        XAResource r = fx.xaSession().getXAResource();
        TestXid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        r.end(xid.copy(), TMSUCCESS);
        assertEquals(XAResource.XA_RDONLY, r.prepare(xid.copy()));
        assertXA(XAException.XAER_NOTA, () -> r.commit(xid, false));
        assertFalse(listed(r, xid));
    }

    @Test
    void onePhaseCommitWritesSendsAndReceivesAtOnce() throws Exception {
        Queue in = XAFixture.queue("xa.1pc.in");
        Queue out = XAFixture.queue("xa.1pc.out");
        fx.send(in, "request");
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        assertEquals("request", XAFixture.receive(s, in).getBody(String.class));
        send(s, out, "reply");
        r.end(xid, TMSUCCESS);
        r.commit(xid, true);
        assertEquals(List.of("reply"), texts(fx.drain(out)));
        assertEquals(List.of(), fx.drain(in), "the received message was acknowledged");
        assertXA(XAException.XAER_NOTA, () -> r.commit(xid, true));
    }

    @Test
    void suspendedWorkResumesAndCommitsWithTheBranch() throws Exception {
        Queue q = XAFixture.queue("xa.suspend");
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        TestXid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        send(s, q, "before suspend");
        r.end(xid.copy(), TMSUSPEND);
        assertXA(XAException.XAER_PROTO, () -> r.prepare(xid.copy()));
        r.start(xid.copy(), TMRESUME);
        send(s, q, "after resume");
        r.end(xid.copy(), TMSUCCESS);
        r.prepare(xid.copy());
        r.commit(xid.copy(), false);
        assertEquals(List.of("before suspend", "after resume"), texts(fx.drain(q)));
    }

    @Test
    void aSuspendedAssociationCanBeEndedWithoutResuming() throws Exception {
        Queue q = XAFixture.queue("xa.suspend.end");
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        send(s, q, "kept");
        r.end(xid, TMSUSPEND);
        r.end(xid, TMSUCCESS);
        assertEquals(XAResource.XA_OK, r.prepare(xid));
        r.commit(xid, false);
        assertEquals(List.of("kept"), texts(fx.drain(q)));
    }

    @Test
    void twoSessionsOfTheSameDatabaseJoinOneBranch() throws Exception {
        Queue q = XAFixture.queue("xa.join");
        XASession first = fx.xaSession();
        XASession second = fx.xaSession();
        XAResource a = first.getXAResource();
        XAResource b = second.getXAResource();
        assertTrue(a.isSameRM(b));
        TestXid xid = TestXid.next();
        a.start(xid, TMNOFLAGS);
        b.start(xid.copy(), TMJOIN);
        send(first, q, "from the first");
        send(second, q, "from the second");
        b.end(xid.copy(), TMSUCCESS);
        assertXA(XAException.XAER_PROTO, () -> b.prepare(xid.copy())); // a is still associated
        a.end(xid.copy(), TMSUCCESS);
        assertEquals(XAResource.XA_OK, b.prepare(xid.copy()));
        a.commit(xid.copy(), false);
        assertEquals(List.of("from the first", "from the second"), texts(fx.drain(q)));
    }

    @Test
    void anIdleBranchCanBeJoinedAgain() throws Exception {
        Queue q = XAFixture.queue("xa.rejoin");
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        send(s, q, "one");
        r.end(xid, TMSUCCESS);
        r.start(xid, TMJOIN);
        send(s, q, "two");
        r.end(xid, TMSUCCESS);
        r.commit(xid, true);
        assertEquals(List.of("one", "two"), texts(fx.drain(q)));
    }

    @Test
    void rollbackOfAnIdleBranchDropsSendsAndRedeliversReceives() throws Exception {
        Queue in = XAFixture.queue("xa.rb.in");
        Queue out = XAFixture.queue("xa.rb.out");
        fx.send(in, "request");
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        XAFixture.receive(s, in);
        send(s, out, "never");
        r.end(xid, TMSUCCESS);
        r.rollback(xid);
        assertEquals(List.of(), fx.drain(out));
        List<Message> again = fx.drain(in);
        assertEquals(List.of("request"), texts(again));
        assertTrue(again.get(0).getJMSRedelivered());
        assertEquals(2, again.get(0).getIntProperty("JMSXDeliveryCount"));
        assertXA(XAException.XAER_NOTA, () -> r.rollback(xid));
    }

    @Test
    void rollbackOfAPreparedBranchDropsSendsAndRedeliversReceives() throws Exception {
        Queue in = XAFixture.queue("xa.rbp.in");
        Queue out = XAFixture.queue("xa.rbp.out");
        fx.send(in, "request");
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        TestXid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        XAFixture.receive(s, in);
        send(s, out, "never");
        r.end(xid, TMSUCCESS);
        r.prepare(xid);
        assertTrue(listed(r, xid));
        r.rollback(xid.copy());
        assertFalse(listed(r, xid));
        assertEquals(List.of(), fx.drain(out));
        List<Message> again = fx.drain(in);
        assertEquals(List.of("request"), texts(again));
        assertEquals(2, again.get(0).getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void recoverListsPreparedBranchesAtTheStartOfAScanOnly() throws Exception {
        Queue q = XAFixture.queue("xa.recover");
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        TestXid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        send(s, q, "in doubt");
        r.end(xid, TMSUCCESS);
        r.prepare(xid);

        XAResource other = fx.xaSession().getXAResource();
        Xid[] started = other.recover(TMSTARTRSCAN);
        assertTrue(List.of(started).stream().anyMatch(xid::sameAs), "listed at TMSTARTRSCAN");
        assertEquals(0, other.recover(TMNOFLAGS).length, "the whole list came at the start");
        assertEquals(0, other.recover(TMENDRSCAN).length);
        assertXA(XAException.XAER_PROTO, () -> other.recover(TMNOFLAGS));
        Xid found = List.of(other.recover(TMSTARTRSCAN | TMENDRSCAN)).stream().filter(xid::sameAs).findFirst().orElseThrow();
        other.commit(found, false);
        assertEquals(List.of("in doubt"), texts(fx.drain(q)));
    }

    @Test
    void endWithTmFailMakesTheBranchRollbackOnly() throws Exception {
        Queue in = XAFixture.queue("xa.fail.in");
        Queue out = XAFixture.queue("xa.fail.out");
        fx.send(in, "request");
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        XAFixture.receive(s, in);
        send(s, out, "never");
        r.end(xid, TMFAIL);
        assertXA(XAException.XA_RBROLLBACK, () -> r.start(xid, TMJOIN));
        assertXA(XAException.XA_RBROLLBACK, () -> r.prepare(xid));
        assertXA(XAException.XAER_NOTA, () -> r.prepare(xid)); // forgotten after answering XA_RB*
        assertEquals(List.of(), fx.drain(out));
        assertEquals(List.of("request"), texts(fx.drain(in)), "returned at once, not at the outcome");
    }

    @Test
    void aRollbackOnlyBranchAnswersOnePhaseCommitWithXaRb() throws Exception {
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        send(s, XAFixture.queue("xa.fail.1pc"), "never");
        r.end(xid, TMFAIL);
        assertXA(XAException.XA_RBROLLBACK, () -> r.commit(xid, true));
        assertXA(XAException.XAER_NOTA, () -> r.rollback(xid));
    }

    @Test
    void aRollbackOnlyBranchCanStillBeRolledBack() throws Exception {
        XAResource r = fx.xaSession().getXAResource();
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        r.end(xid, TMFAIL);
        r.rollback(xid);
        assertXA(XAException.XAER_NOTA, () -> r.rollback(xid));
    }

    @Test
    void aBranchPastItsTimeoutIsRolledBackAndItsReceivesReturnAtOnce() throws Exception {
        Queue in = XAFixture.queue("xa.timeout.in");
        fx.send(in, "request");
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        assertTrue(r.setTransactionTimeout(1));
        assertEquals(1, r.getTransactionTimeout());
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        XAFixture.receive(s, in);
        // The timeout returns the message while the branch is still associated.
        try (JMSContext ctx = fx.factory.createContext()) {
            Message back = ctx.createConsumer(in).receive(30_000);
            assertEquals("request", back == null ? null : back.getBody(String.class), "returned after the timeout");
            assertEquals(2, back.getIntProperty("JMSXDeliveryCount"));
        }
        assertXA(XAException.XA_RBTIMEOUT, () -> r.end(xid, TMSUCCESS));
        r.rollback(xid);
        assertXA(XAException.XAER_NOTA, () -> r.rollback(xid));

        Xid idle = TestXid.next();
        r.start(idle, TMNOFLAGS);
        send(s, XAFixture.queue("xa.timeout.out"), "never");
        r.end(idle, TMSUCCESS);
        long deadline = System.nanoTime() + 30_000_000_000L;
        XAException prepared = null;
        while (prepared == null && System.nanoTime() < deadline) {
            Thread.sleep(200);
            prepared = timedOutPrepare(r, idle);
        }
        assertEquals(XAException.XA_RBTIMEOUT, prepared == null ? 0 : prepared.errorCode, "prepare after the timeout");
        assertXA(XAException.XAER_NOTA, () -> r.rollback(idle));
    }

    /** Prepare's failure once the timeout struck; null while it has not (the branch is then left idle as it was). */
    private static XAException timedOutPrepare(XAResource r, Xid xid) throws XAException {
        // A join succeeds on an idle branch and fails with XA_RBTIMEOUT on a timed-out one, without preparing it.
        try {
            r.start(xid, TMJOIN);
        } catch (XAException e) {
            if (e.errorCode != XAException.XA_RBTIMEOUT) throw e;
            try {
                r.prepare(xid);
            } catch (XAException expected) {
                return expected;
            }
            throw new AssertionError("prepare of a timed-out branch succeeded");
        }
        try {
            r.end(xid, TMSUCCESS);
        } catch (XAException e) {
            if (e.errorCode != XAException.XA_RBTIMEOUT) throw e; // struck between the join and the end
        }
        return null;
    }

    @Test
    void transactionTimeoutSettings() throws Exception {
        XAResource r = fx.xaSession().getXAResource();
        assertEquals(0, r.getTransactionTimeout(), "no timeout of RowMQ's own by default");
        assertTrue(r.setTransactionTimeout(30));
        assertEquals(30, r.getTransactionTimeout());
        assertTrue(r.setTransactionTimeout(0));
        assertEquals(0, r.getTransactionTimeout());
        assertXA(XAException.XAER_INVAL, () -> r.setTransactionTimeout(-1));
    }

    @Test
    void aReceiveWhoseRowWasTakenByAnotherNodeFailsPrepareWithXaRbIntegrity() throws Exception {
        Queue in = XAFixture.queue("xa.integrity");
        fx.send(in, "request");
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        XAFixture.receive(s, in);
        // What the node reaper does when this node's lease lapsed: the row returns to ready for other consumers.
        try (Connection c = fx.db.connect();
             PreparedStatement ps = c.prepareStatement(
                     "UPDATE rowmq_message SET state = 0, owner_node = NULL WHERE destination = ?")) {
            ps.setString(1, in.getQueueName());
            assertEquals(1, ps.executeUpdate());
        }
        r.end(xid, TMSUCCESS);
        assertXA(XAException.XA_RBINTEGRITY, () -> r.prepare(xid));
        assertXA(XAException.XAER_NOTA, () -> r.commit(xid, false));
        assertEquals(List.of("request"), texts(fx.drain(in)), "delivered once more, to someone");
    }

    @Test
    void outsideAGlobalTransactionTheXaSessionIsAnOrdinaryTransactedSession() throws Exception {
        Queue q = XAFixture.queue("xa.local");
        XASession s = fx.xaSession();
        assertTrue(s.getTransacted());
        send(s, q, "local");
        assertEquals(List.of(), fx.drain(q));
        s.commit();
        assertEquals(List.of("local"), texts(fx.drain(q)));

        Xid xid = TestXid.next();
        s.getXAResource().start(xid, TMNOFLAGS);
        assertThrows(TransactionInProgressException.class, s::commit);
        assertThrows(TransactionInProgressException.class, s::rollback);
        s.getXAResource().end(xid, TMSUCCESS);
        s.getXAResource().rollback(xid);
    }

    @Test
    void xaJmsContextIsItsOwnContextAndRefusesLocalTransactionControlInABranch() throws Exception {
        Queue q = XAFixture.queue("xa.context");
        try (XAJMSContext ctx = fx.factory.createXAContext()) {
            assertTrue(ctx.getContext() == ctx);
            assertTrue(ctx.getTransacted());
            assertEquals(JMSContext.SESSION_TRANSACTED, ctx.getSessionMode());
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.createContext(JMSContext.AUTO_ACKNOWLEDGE));
            XAResource r = ctx.getXAResource();
            Xid xid = TestXid.next();
            r.start(xid, TMNOFLAGS);
            ctx.createProducer().send(q, "through the context");
            assertThrows(TransactionInProgressRuntimeException.class, ctx::commit);
            assertThrows(TransactionInProgressRuntimeException.class, ctx::rollback);
            r.end(xid, TMSUCCESS);
            r.prepare(xid);
            r.commit(xid, false);
        }
        assertEquals(List.of("through the context"), texts(fx.drain(q)));
    }

    // ---------------------------------------------------------------- illegal sequences

    @Test
    void startRejectsBadArguments() throws Exception {
        XAResource r = fx.xaSession().getXAResource();
        assertXA(XAException.XAER_INVAL, () -> r.start(null, TMNOFLAGS));
        assertXA(XAException.XAER_INVAL, () -> r.start(TestXid.next(), TMSUCCESS));
        assertXA(XAException.XAER_INVAL, () -> r.start(TestXid.next(), TMJOIN | TMRESUME));
        assertXA(XAException.XAER_INVAL, () -> r.start(new TestXid(1, new byte[65], new byte[1]), TMNOFLAGS));
        assertXA(XAException.XAER_INVAL, () -> r.start(new TestXid(1, new byte[0], new byte[1]), TMNOFLAGS));
        assertXA(XAException.XAER_INVAL, () -> r.start(new TestXid(1, new byte[1], new byte[65]), TMNOFLAGS));
        assertXA(XAException.XAER_INVAL, () -> r.start(new TestXid(-1, new byte[1], new byte[1]), TMNOFLAGS));
    }

    @Test
    void startWhileAssociatedIsAProtocolError() throws Exception {
        XAResource r = fx.xaSession().getXAResource();
        Xid first = TestXid.next();
        r.start(first, TMNOFLAGS);
        assertXA(XAException.XAER_PROTO, () -> r.start(TestXid.next(), TMNOFLAGS));
        assertXA(XAException.XAER_PROTO, () -> r.start(first, TMJOIN));
        r.end(first, TMSUCCESS);
        r.rollback(first);
    }

    @Test
    void startOfAKnownXidWithoutJoinIsADuplicate() throws Exception {
        XAResource a = fx.xaSession().getXAResource();
        XAResource b = fx.xaSession().getXAResource();
        TestXid xid = TestXid.next();
        a.start(xid, TMNOFLAGS);
        assertXA(XAException.XAER_DUPID, () -> b.start(xid.copy(), TMNOFLAGS));
        a.end(xid, TMSUCCESS);
        assertXA(XAException.XAER_DUPID, () -> a.start(xid.copy(), TMNOFLAGS));
        a.rollback(xid);
    }

    @Test
    void joinAndResumeNeedAKnownBranchInTheRightState() throws Exception {
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        XAResource other = fx.xaSession().getXAResource();
        assertXA(XAException.XAER_NOTA, () -> r.start(TestXid.next(), TMJOIN));
        assertXA(XAException.XAER_NOTA, () -> r.start(TestXid.next(), TMRESUME));

        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        assertXA(XAException.XAER_PROTO, () -> other.start(xid, TMRESUME)); // other never suspended it
        r.end(xid, TMSUSPEND);
        assertXA(XAException.XAER_PROTO, () -> r.start(xid, TMJOIN)); // suspended: resume, not join
        assertXA(XAException.XAER_PROTO, () -> r.end(xid, TMSUSPEND)); // already suspended
        r.start(xid, TMRESUME);
        send(s, XAFixture.queue("xa.prepared.join"), "work");
        r.end(xid, TMSUCCESS);
        r.prepare(xid);
        assertXA(XAException.XAER_PROTO, () -> other.start(xid, TMJOIN)); // prepared: no more work
        assertXA(XAException.XAER_DUPID, () -> other.start(xid, TMNOFLAGS));
        r.rollback(xid);
    }

    @Test
    void endNeedsTheAssociation() throws Exception {
        XAResource r = fx.xaSession().getXAResource();
        XAResource other = fx.xaSession().getXAResource();
        assertXA(XAException.XAER_NOTA, () -> r.end(TestXid.next(), TMSUCCESS));
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        assertXA(XAException.XAER_PROTO, () -> other.end(xid, TMSUCCESS));
        assertXA(XAException.XAER_PROTO, () -> other.end(xid, TMSUSPEND));
        assertXA(XAException.XAER_INVAL, () -> r.end(xid, TMJOIN));
        assertXA(XAException.XAER_INVAL, () -> r.end(xid, TMNOFLAGS));
        r.end(xid, TMSUCCESS);
        assertXA(XAException.XAER_PROTO, () -> r.end(xid, TMSUCCESS)); // ended twice
        r.rollback(xid);
    }

    @Test
    void prepareNeedsAnEndedUnpreparedBranch() throws Exception {
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        assertXA(XAException.XAER_NOTA, () -> r.prepare(TestXid.next()));
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        send(s, XAFixture.queue("xa.prepare.twice"), "work");
        assertXA(XAException.XAER_PROTO, () -> r.prepare(xid)); // still active
        r.end(xid, TMSUCCESS);
        r.prepare(xid);
        assertXA(XAException.XAER_PROTO, () -> r.prepare(xid)); // prepared twice
        r.rollback(xid);
    }

    @Test
    void commitNeedsTheRightPhase() throws Exception {
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        assertXA(XAException.XAER_NOTA, () -> r.commit(TestXid.next(), false));
        assertXA(XAException.XAER_NOTA, () -> r.commit(TestXid.next(), true));
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        send(s, XAFixture.queue("xa.commit.phase"), "work");
        assertXA(XAException.XAER_PROTO, () -> r.commit(xid, true)); // still active
        r.end(xid, TMSUCCESS);
        assertXA(XAException.XAER_PROTO, () -> r.commit(xid, false)); // not prepared
        r.prepare(xid);
        assertXA(XAException.XAER_PROTO, () -> r.commit(xid, true)); // prepared: two-phase only
        r.commit(xid, false);
        assertXA(XAException.XAER_NOTA, () -> r.commit(xid, false)); // already committed
    }

    @Test
    void rollbackNeedsAnEndedBranch() throws Exception {
        XAResource r = fx.xaSession().getXAResource();
        assertXA(XAException.XAER_NOTA, () -> r.rollback(TestXid.next()));
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        assertXA(XAException.XAER_PROTO, () -> r.rollback(xid));
        r.end(xid, TMSUCCESS);
        r.rollback(xid);
    }

    @Test
    void forgetRefusesBecauseNothingIsEverHeuristic() throws Exception {
        XASession s = fx.xaSession();
        XAResource r = s.getXAResource();
        assertXA(XAException.XAER_NOTA, () -> r.forget(TestXid.next()));
        Xid xid = TestXid.next();
        r.start(xid, TMNOFLAGS);
        send(s, XAFixture.queue("xa.forget"), "work");
        assertXA(XAException.XAER_PROTO, () -> r.forget(xid)); // active
        r.end(xid, TMSUCCESS);
        r.prepare(xid);
        assertXA(XAException.XAER_PROTO, () -> r.forget(xid)); // prepared here
        XAResource elsewhere = fx.xaSession().getXAResource();
        assertXA(XAException.XAER_PROTO, () -> elsewhere.forget(xid)); // prepared in the database
        r.rollback(xid);
        assertXA(XAException.XAER_NOTA, () -> r.forget(xid));
    }

    @Test
    void recoverRejectsBadFlagsAndScansThatWereNotStarted() throws Exception {
        XAResource r = fx.xaSession().getXAResource();
        assertXA(XAException.XAER_INVAL, () -> r.recover(TMJOIN));
        assertXA(XAException.XAER_INVAL, () -> r.recover(TMSTARTRSCAN | TMSUCCESS | 0x0F0000));
        assertXA(XAException.XAER_PROTO, () -> r.recover(TMNOFLAGS));
        assertXA(XAException.XAER_PROTO, () -> r.recover(TMENDRSCAN));
        r.recover(TMSTARTRSCAN);
        r.recover(TMNOFLAGS);
        r.recover(TMENDRSCAN);
        assertXA(XAException.XAER_PROTO, () -> r.recover(TMENDRSCAN));
    }

    @Test
    void resourcesOfDifferentDatabasesAreDifferentResourceManagers() throws Exception {
        try (XAFixture elsewhere = new XAFixture(TestDatabase.freshH2("xa-other-rm"))) {
            XAResource here = fx.xaSession().getXAResource();
            XAResource there = elsewhere.xaSession().getXAResource();
            assertFalse(here.isSameRM(there));
            assertTrue(there.isSameRM(elsewhere.xaSession().getXAResource()));
            assertFalse(here.isSameRM(null));
        }
    }
}
