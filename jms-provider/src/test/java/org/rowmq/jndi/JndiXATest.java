package org.rowmq.jndi;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnectionFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import javax.naming.Context;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A Java SE application configured by jndi.properties reaches XA: every JNDI connection factory is XA-capable. */
class JndiXATest {
    static final long WAIT = 10_000;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private record Branch(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {
        static Branch next() {
            return new Branch(4711, ("jndi-xa-" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII), new byte[]{1});
        }
    }

    private static Context context(TestDatabase db, String... more) throws Exception {
        db.config(); // skips when the database is unreachable
        String[] pairs = {"connectionFactory.cf", db.url(), "connectionFactory.cf.user", db.user(),
                "connectionFactory.cf.password", db.password() == null ? "" : db.password()};
        String[] all = new String[pairs.length + more.length];
        System.arraycopy(pairs, 0, all, 0, pairs.length);
        System.arraycopy(more, 0, all, pairs.length, more.length);
        return Contexts.of(all);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aLookedUpFactoryRunsAnXaTransaction(TestDatabase db) throws Exception {
        Context context = context(db, "queue.orders", TestDatabase.unique("jndi.xa"));
        XAConnectionFactory xa = (XAConnectionFactory) context.lookup("cf");
        Queue q = (Queue) context.lookup("orders");
        try (XAConnection xc = xa.createXAConnection(); Connection plain = ((ConnectionFactory) xa).createConnection()) {
            plain.start();
            Session reader = plain.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = reader.createConsumer(q);
            XASession session = xc.createXASession();
            XAResource resource = session.getXAResource();
            Xid xid = Branch.next();
            resource.start(xid, XAResource.TMNOFLAGS);
            session.createProducer(q).send(session.createTextMessage("in a global transaction"));
            resource.end(xid, XAResource.TMSUCCESS);
            assertNull(consumer.receive(300), "not visible before the commit");
            assertEquals(XAResource.XA_OK, resource.prepare(xid));
            resource.commit(xid, false);
            assertEquals("in a global transaction", ((TextMessage) consumer.receive(WAIT)).getText());
        }
        context.close();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theXaFactoryStillChecksConfiguredCredentialsOnEveryKindOfConnection(TestDatabase db) throws Exception {
        java.nio.file.Path security = org.rowmq.security.SecurityFixtures.file(".properties",
                "user.alice = " + org.rowmq.security.SecurityFixtures.hash("secret") + "\n");
        Context context = context(db, "connectionFactory.cf.security", security.toString());
        XATopicConnectionFactory xa = (XATopicConnectionFactory) context.lookup("cf");
        assertThrows(JMSSecurityException.class, () -> xa.createXAConnection("alice", "wrong"));
        assertThrows(JMSSecurityException.class, () -> xa.createXATopicConnection("alice", "wrong"));
        assertThrows(JMSSecurityException.class, () -> xa.createTopicConnection("alice", "wrong"));
        assertThrows(jakarta.jms.JMSSecurityRuntimeException.class, () -> xa.createXAContext("alice", "wrong"));
        xa.createXAConnection("alice", "secret").close();
        context.close();
    }
}
