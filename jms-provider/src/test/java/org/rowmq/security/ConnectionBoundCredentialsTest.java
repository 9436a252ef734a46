package org.rowmq.security;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.TestDatabase;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A factory bound to the application's DataSource checks the credentials it is given and acts as that user, like
 * every other factory (it used to ignore them: any password was accepted and the default credentials applied).
 */
class ConnectionBoundCredentialsTest {

    static Stream<TestDatabase> databases() {
        return Stream.of(TestDatabase.h2(ConnectionBoundCredentialsTest.class), TestDatabase.postgresql());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void wrongCredentialsFailAndRightOnesCarryTheUsersPermissions(TestDatabase db) throws Exception {
        HikariConfig h = new HikariConfig();
        h.setJdbcUrl(db.config().jdbcUrl());
        h.setUsername(db.config().user());
        h.setPassword(db.config().password());
        h.setMaximumPoolSize(4);
        try (HikariDataSource application = new HikariDataSource(h);
             RowConnectionFactory rowmq = new RowConnectionFactory(application)) {
            rowmq.setSecurity(SecurityFixtures.standardPolicy());
            ConnectionFactory bound = rowmq.boundTo(new TransactionAwareDataSourceProxy(application));

            assertThrows(JMSSecurityException.class, () -> bound.createConnection("alice", "wrong"));
            assertThrows(JMSSecurityRuntimeException.class, () -> bound.createContext("alice", "wrong"));
            assertThrows(JMSSecurityRuntimeException.class,
                    () -> bound.createContext("nobody", "alice-pw", JMSContext.SESSION_TRANSACTED));

            String queue = TestDatabase.unique("orders");
            try (Connection bob = bound.createConnection("bob", "bob-pw")) {
                Session s = bob.createSession(true, Session.SESSION_TRANSACTED);
                JMSSecurityException e = assertThrows(JMSSecurityException.class,
                        () -> s.createProducer(s.createQueue(queue)).send(s.createTextMessage("x")));
                assertTrue(e.getMessage().contains("user 'bob' may not send on '" + queue + "'"), e.getMessage());
            }
            try (JMSContext alice = bound.createContext("alice", "alice-pw")) {
                JMSSecurityRuntimeException e = assertThrows(JMSSecurityRuntimeException.class,
                        () -> alice.createConsumer(alice.createQueue(queue)));
                assertTrue(e.getMessage().contains("user 'alice' may not consume"), e.getMessage());
            }
        }
    }
}
