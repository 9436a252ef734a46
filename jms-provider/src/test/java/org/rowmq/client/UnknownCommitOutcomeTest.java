package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.rowmq.store.OutcomeUnknownException;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.TestDatabase;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A transacted session's commit that the database carried out but whose answer never came back (the connection broke
 * in the commit: a crash or failover of the server) is reported as an unknown outcome, with the driver's failure as
 * the cause, and not as a rollback: an application told "rolled back" would send again and store the message twice.
 */
class UnknownCommitOutcomeTest {

    @Test
    void aCommitWhoseAnswerWasLostIsReportedAsUnknownNotAsRolledBack() throws Exception {
        TestDatabase db = TestDatabase.freshH2("unknown-outcome");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(db.url());
        h2.setUser(db.user());
        h2.setPassword(db.password());
        AtomicBoolean loseNextAnswer = new AtomicBoolean();
        try (RowConnectionFactory factory = new RowConnectionFactory(StoreConfig.dataSource(losingAnswers(h2, loseNextAnswer)));
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue(TestDatabase.unique("unknown"));
            MessageProducer producer = session.createProducer(queue);
            producer.send(session.createTextMessage("once"));
            loseNextAnswer.set(true);

            JMSException failure = assertThrows(JMSException.class, session::commit);
            assertFalse(failure instanceof TransactionRolledBackException, "not reported as rolled back: " + failure);
            assertTrue(failure instanceof OutcomeUnknownException, "reported as unknown: " + failure);
            assertTrue(failure.getCause() instanceof SQLException, "with the driver's failure as the cause");

            connection.start();
            MessageConsumer consumer = session.createConsumer(queue);
            TextMessage m = (TextMessage) consumer.receive(10_000);
            assertEquals("once", m.getText(), "the commit did take effect");
            session.commit();
            assertNull(consumer.receive(500), "and stored the message once");
        }
    }

    /**
     * Connections whose next commit of a message insert, once armed, commits and then fails as a broken connection
     * does (SQLState 08006), so that the caller cannot know it committed.
     */
    private static DataSource losingAnswers(DataSource real, AtomicBoolean armed) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (!method.getName().equals("getConnection")) return result;
                    java.sql.Connection c = (java.sql.Connection) result;
                    AtomicBoolean inserted = new AtomicBoolean();
                    return Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{java.sql.Connection.class},
                            (p, m, a) -> {
                                if (m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql
                                        && sql.startsWith("INSERT INTO rowmq_message")) {
                                    inserted.set(true);
                                }
                                Object r = invoke(c, m, a);
                                if (m.getName().equals("commit") && inserted.getAndSet(false) && armed.getAndSet(false)) {
                                    throw new SQLException("An I/O error occurred while sending to the backend", "08006");
                                }
                                return r;
                            });
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
