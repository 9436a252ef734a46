package org.rowmq.ra.outbound;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.rowmq.ra.RowResourceAdapter;
import org.rowmq.security.Operation;
import org.rowmq.security.PasswordHash;
import org.rowmq.security.SecurityPolicy;

import java.nio.file.Path;

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
            mcf.factory(null).setSecurity(SecurityPolicy.builder()
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

            RowManagedConnection pooled = new RowManagedConnection(mcf, mcf.factory(null),
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
}
