package org.rowmq.store;

import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database that does not answer at open ends in a JMSException naming the URL and the cause, not in the pool's own
 * RuntimeException (which the JMS caller neither expects nor can tell from a bug).
 */
class StoreUnreachableTest {

    @Test
    void anUnreachableDatabaseAtOpenIsAJMSExceptionNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort(); // closed again below: nothing listens there
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/test?connectTimeout=2";
        JMSException e = assertThrows(JMSException.class, () -> Stores.open(StoreConfig.url(url, "postgres", "secret")));
        assertTrue(e.getMessage().contains(url), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), "no credentials in the message: " + e.getMessage());
        assertTrue(e.getCause() != null, "the cause is attached");
    }
}
