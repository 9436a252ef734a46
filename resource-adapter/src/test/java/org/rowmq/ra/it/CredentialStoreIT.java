package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RowMQ credentials from an Elytron credential store: the connection definition {@code java:/jms/rowmq-secure} signs on
 * with an authentication context whose password is the store's alias {@code rowmq-app}, and its connections are
 * checked against a security file in which every connection must authenticate (configure.cli). The stored credential
 * lets a send through; {@code java:/jms/rowmq-secure-stale}, whose alias holds a wrong password, is refused with a
 * JMSSecurityException; an MDB consumes from the secured store as the user its activation names.
 */
@ExtendWith(ArquillianExtension.class)
public class CredentialStoreIT {
    static final String MDB_QUEUE = "it.secure.mdb";

    /** The user "app" with the password "app-secret" (PBKDF2, 10,000 iterations); no anonymous roles. */
    private static final String SECURITY = """
            user.app = pbkdf2-sha256:10000:jsHCFme5OTXR7WdmFL1Aag==:yrRRjM2SKWee3UbQRD00CGI+KLJ/3MY2nZvXjFDaZgY=
            roles.app = it-writer
            permission.secure.match = it.secure.#
            permission.secure.send = it-writer
            permission.secure.consume = it-writer
            """;

    /**
     * Runs on the client before the deployment: the server reads the security file when the secured definitions first
     * open a connection (the MDB's activation does at deployment).
     */
    @Deployment
    static WebArchive app() {
        try {
            Files.writeString(Path.of(System.getProperty("jboss.home"), "standalone", "data",
                    "rowmq-it-security.properties"), SECURITY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Archives.war("credentialstore", SecureMdb.class);
    }

    @Resource(lookup = "java:/jms/rowmq-secure")
    ConnectionFactory secured;

    @Resource(lookup = "java:/jms/rowmq-secure-stale")
    ConnectionFactory stale;

    @Test
    public void theStoredCredentialAuthenticatesTheSend() {
        String id = UUID.randomUUID().toString();
        try (JMSContext ctx = secured.createContext()) {
            ctx.createProducer().send(ctx.createQueue("it.secure.out"), id);
            assertEquals(id, ctx.createConsumer(ctx.createQueue("it.secure.out")).receiveBody(String.class, 5000));
        }
    }

    @Test
    public void aWrongStoredPasswordIsRefused() {
        JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> {
            try (Connection c = stale.createConnection()) {
                c.createSession().createProducer(null);
            }
        });
        assertTrue(e.getMessage().contains("'app'"), e.getMessage());
        assertThrows(JMSSecurityRuntimeException.class, () -> stale.createContext().close());
        assertThrows(JMSSecurityException.class, () -> secured.createConnection("app", "stale-secret").close(),
                "credentials the application gives are checked, not replaced by the stored ones");
    }

    @Test
    public void anMdbConsumesAsItsActivationUser() throws Exception {
        String id = UUID.randomUUID().toString();
        try (JMSContext ctx = secured.createContext()) {
            ctx.createProducer().send(ctx.createQueue(MDB_QUEUE), id);
        }
        assertEquals(List.of(id), Inbox.await(MDB_QUEUE, 1).stream().map(Inbox.Delivery::body).toList());
    }
}
