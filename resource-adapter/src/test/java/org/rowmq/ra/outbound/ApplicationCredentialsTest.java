package org.rowmq.ra.outbound;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Session;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.security.PasswordCredential;
import org.junit.jupiter.api.Test;
import org.rowmq.ra.RowResourceAdapter;
import org.rowmq.security.Operation;
import org.rowmq.security.PasswordHash;
import org.rowmq.security.SecurityPolicy;

import javax.security.auth.Subject;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The credentials an application gives the adapter's connection factory are RowMQ users, passed through to the
 * provider: wrong ones are refused with JMSSecurityException, and a connection made for one user is never handed to a
 * caller who cannot give that user's password.
 */
class ApplicationCredentialsTest {

    @Test
    void credentialsGivenToTheHandleAreCheckedByTheProvider() throws Exception {
        RowResourceAdapter adapter = new RowResourceAdapter();
        adapter.setJdbcUrl("jdbc:h2:file:" + Path.of("target", "rowmq-h2", "credentials-" + System.nanoTime(), "rowmq")
                .toAbsolutePath() + ";WRITE_DELAY=0");
        RowManagedConnectionFactory mcf = new RowManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        try {
            mcf.factory().setSecurity(SecurityPolicy.builder()
                    .user("alice", PasswordHash.hash("alice-pw".toCharArray(), 1_000), "writer")
                    .permit("orders.#", Operation.SEND, "writer").build());
            ConnectionFactory cf = (ConnectionFactory) mcf.createConnectionFactory();

            JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> cf.createConnection("alice", "wrong"));
            assertTrue(e.getMessage().contains("Authentication failed for user 'alice'"), e.getMessage());
            assertThrows(JMSSecurityRuntimeException.class, () -> cf.createContext("alice", "wrong"));
            assertThrows(JMSSecurityException.class, cf::createConnection, "no credentials and no anonymous role");

            try (Connection alice = cf.createConnection("alice", "alice-pw")) {
                Session s = alice.createSession();
                s.createProducer(s.createQueue("orders.ra")).send(s.createTextMessage("as alice"));
                assertThrows(JMSSecurityException.class,
                        () -> s.createProducer(s.createQueue("billing")).send(s.createTextMessage("refused")));
            }
            try (JMSContext ctx = cf.createContext("alice", "alice-pw")) {
                ctx.createProducer().send(ctx.createQueue("orders.ra"), "as alice");
            }

            RowManagedConnection pooled = new RowManagedConnection(mcf, mcf.factory(),
                    RequestInfo.connection("alice", "alice-pw"));
            try {
                assertTrue(pooled.matches(mcf, RequestInfo.connection("alice", "alice-pw")));
                assertTrue(!pooled.matches(mcf, RequestInfo.connection("alice", "wrong")), "a wrong password gets no pooled connection");
                assertTrue(!pooled.matches(mcf, RequestInfo.CONNECTION), "nor does a caller without credentials");
            } finally {
                pooled.destroy();
            }
        } finally {
            adapter.stop();
        }
    }

    /**
     * A container-managed sign-on (WildFly: an Elytron authentication context, its password in a credential store) is
     * the RowMQ user of connections the application opens without credentials; credentials the application gives
     * stand; a wrong signed-on password is refused like any other.
     */
    @Test
    void aContainerSignOnIsTheRowMQUserOfConnectionsWithoutCredentials() throws Exception {
        RowResourceAdapter adapter = new RowResourceAdapter();
        adapter.setJdbcUrl("jdbc:h2:file:" + Path.of("target", "rowmq-h2", "sign-on-" + System.nanoTime(), "rowmq")
                .toAbsolutePath() + ";WRITE_DELAY=0");
        RowManagedConnectionFactory mcf = new RowManagedConnectionFactory();
        mcf.setResourceAdapter(adapter);
        try {
            mcf.factory().setSecurity(SecurityPolicy.builder()
                    .user("alice", PasswordHash.hash("alice-pw".toCharArray(), 1_000), "writer")
                    .user("bob", PasswordHash.hash("bob-pw".toCharArray(), 1_000), "writer").build());
            Subject alice = signOn(mcf, "alice", "alice-pw");
            assertEquals("alice", mcf.signedOn(alice, RequestInfo.CONNECTION).user());
            assertEquals("alice", mcf.signedOn(alice, RequestInfo.context(JMSContext.AUTO_ACKNOWLEDGE)).user());
            assertEquals("bob", mcf.signedOn(alice, RequestInfo.connection("bob", "bob-pw")).user(),
                    "the application's own credentials stand");

            RowManagedConnection signedOn = (RowManagedConnection) mcf.createManagedConnection(alice, null);
            try {
                assertEquals(signedOn, mcf.matchManagedConnections(java.util.Set.of(signedOn), alice, null));
                assertEquals(null, mcf.matchManagedConnections(java.util.Set.of(signedOn), null, null),
                        "not handed to a request without the sign-on");
            } finally {
                signedOn.destroy();
            }
            ResourceException e = assertThrows(ResourceException.class,
                    () -> mcf.createManagedConnection(signOn(mcf, "alice", "stale-pw"), null));
            assertInstanceOf(JMSSecurityException.class, e.getCause());
        } finally {
            adapter.stop();
        }
    }

    private static Subject signOn(RowManagedConnectionFactory mcf, String user, String password) {
        PasswordCredential credential = new PasswordCredential(user, password.toCharArray());
        credential.setManagedConnectionFactory(mcf);
        Subject subject = new Subject();
        subject.getPrivateCredentials().add(credential);
        return subject;
    }
}
