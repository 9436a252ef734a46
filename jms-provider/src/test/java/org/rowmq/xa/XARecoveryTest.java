package org.rowmq.xa;

import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.TestDatabase;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static javax.transaction.xa.XAResource.TMENDRSCAN;
import static javax.transaction.xa.XAResource.TMNOFLAGS;
import static javax.transaction.xa.XAResource.TMSTARTRSCAN;
import static javax.transaction.xa.XAResource.TMSUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.xa.XAAssertions.assertXA;
import static org.rowmq.xa.XAFixture.send;
import static org.rowmq.xa.XAFixture.texts;

/**
 * A branch prepared by one store instance (a node that then went away, giving up everything it had in flight) is
 * listed by recover on another store instance of the same database and committed or rolled back there.
 */
class XARecoveryTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    /** The first node: prepares a branch that received {@code in}'s message and sent one to {@code out}, then dies. */
    private static TestXid prepareAndGoAway(StoreConfig config, Queue in, Queue out) throws Exception {
        TestXid xid = TestXid.next();
        try (RowXAConnectionFactory first = new RowXAConnectionFactory(config)) {
            try (var ctx = first.createContext()) {
                ctx.createProducer().send(in, "request");
            }
            XAConnection connection = first.createXAConnection();
            connection.start();
            XASession s = connection.createXASession();
            XAResource r = s.getXAResource();
            r.start(xid, TMNOFLAGS);
            assertEquals("request", XAFixture.receive(s, in).getBody(String.class));
            send(s, out, "reply");
            r.end(xid, TMSUCCESS);
            assertEquals(XAResource.XA_OK, r.prepare(xid));
            // Closing the store gives up this node exactly as reaping a dead one does: in-flight rows return.
            connection.close();
        }
        return xid;
    }

    private static Xid recovered(XAResource r, TestXid xid) throws XAException {
        Xid[] prepared = r.recover(TMSTARTRSCAN);
        r.recover(TMENDRSCAN);
        return Arrays.stream(prepared).filter(xid::sameAs).findFirst()
                .orElseThrow(() -> new AssertionError(xid + " not listed by recover: " + Arrays.toString(prepared)));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anotherStoreInstanceCommitsAPreparedBranch(TestDatabase db) throws Exception {
        Queue in = XAFixture.queue("xa.rec.commit.in");
        Queue out = XAFixture.queue("xa.rec.commit.out");
        TestXid xid = prepareAndGoAway(db.config(), in, out);
        // The first store is closed, so this opens a new store instance on the same database: another node.
        try (XAFixture second = new XAFixture(db)) {
            assertEquals(List.of(), second.drain(in), "the prepared receive outlived its node");
            assertEquals(List.of(), second.drain(out), "the prepared send is still held");
            XAResource r = second.xaSession().getXAResource();
            Xid found = recovered(r, xid);
            r.commit(found, false);
            assertEquals(List.of("reply"), texts(second.drain(out)));
            assertEquals(List.of(), second.drain(in));
            assertXA(XAException.XAER_NOTA, () -> r.commit(xid, false));
            assertTrue(Arrays.stream(r.recover(TMSTARTRSCAN | TMENDRSCAN)).noneMatch(xid::sameAs));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anotherStoreInstanceRollsBackAPreparedBranch(TestDatabase db) throws Exception {
        Queue in = XAFixture.queue("xa.rec.rollback.in");
        Queue out = XAFixture.queue("xa.rec.rollback.out");
        TestXid xid = prepareAndGoAway(db.config(), in, out);
        try (XAFixture second = new XAFixture(db)) {
            XAResource r = second.xaSession().getXAResource();
            r.rollback(recovered(r, xid));
            assertEquals(List.of(), second.drain(out));
            List<Message> again = second.drain(in);
            assertEquals(List.of("request"), texts(again));
            assertEquals(2, again.get(0).getIntProperty("JMSXDeliveryCount"));
            assertXA(XAException.XAER_NOTA, () -> r.rollback(xid));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void prepareOfAnXidAlreadyPreparedElsewhereRollsBackWithoutTouchingTheFirst(TestDatabase db) throws Exception {
        Queue in = XAFixture.queue("xa.rec.dup.in");
        Queue out = XAFixture.queue("xa.rec.dup.out");
        TestXid xid = prepareAndGoAway(db.config(), in, out);
        try (XAFixture second = new XAFixture(db)) {
            XASession s = second.xaSession();
            XAResource r = s.getXAResource();
            r.start(xid.copy(), TMNOFLAGS);
            send(s, out, "duplicate");
            r.end(xid.copy(), TMSUCCESS);
            assertXA(XAException.XA_RBPROTO, () -> r.prepare(xid.copy()));
            r.commit(recovered(r, xid), false);
            assertEquals(List.of("reply"), texts(second.drain(out)));
        }
    }
}
