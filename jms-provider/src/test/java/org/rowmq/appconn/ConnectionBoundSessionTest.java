package org.rowmq.appconn;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.DestinationSettings;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sends and receives on a JDBC connection the application holds: they commit and roll back with it. */
class ConnectionBoundSessionTest {
    static final long WAIT = 30_000;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSendIsInvisibleEverywhereUntilTheApplicationCommits(TestDatabase db) throws Exception {
        String q = TestDatabase.unique("orders");
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             RowConnectionFactory otherNode = new RowConnectionFactory(db.config().withPoolSize(3));
             Connection app = db.connect();
             JMSContext here = cf.createContext();
             JMSContext there = otherNode.createContext()) {
            String table = AppDb.createTable(app);
            app.setAutoCommit(false);
            JMSContext jms = cf.createContext(app);
            AppDb.insert(app, table, "order-1", "new");
            jms.createProducer().send(jms.createQueue(q), "order-1");

            JMSConsumer local = here.createConsumer(here.createQueue(q));
            JMSConsumer remote = there.createConsumer(there.createQueue(q));
            assertNull(local.receiveNoWait(), "a consumer of the same node must not see an uncommitted send");
            assertNull(remote.receiveNoWait(), "a consumer of another node must not see an uncommitted send");
            assertEquals(0, cf.store().depth(q), "nothing is stored before the commit");

            app.commit();
            assertEquals("order-1", remote.receiveBody(String.class, WAIT), "the message arrives after the commit");
            assertEquals(1, AppDb.count(db, table, "order-1"), "the application's row committed with it");
            jms.close();
            assertFalse(app.isClosed(), "closing the context leaves the application's connection open");
            AppDb.dropTable(app, table);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSendVanishesWhenTheApplicationRollsBack(TestDatabase db) throws Exception {
        String q = TestDatabase.unique("orders");
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             Connection app = db.connect();
             JMSContext plain = cf.createContext()) {
            String table = AppDb.createTable(app);
            app.setAutoCommit(false);
            try (JMSContext jms = cf.createContext(app)) {
                AppDb.insert(app, table, "order-2", "new");
                jms.createProducer().send(jms.createQueue(q), "rolled back");
                app.rollback();
                // The application goes on with the same connection and context in its next transaction.
                jms.createProducer().send(jms.createQueue(q), "committed");
                app.commit();
            }
            Queue queue = plain.createQueue(q);
            assertEquals("committed", plain.createConsumer(queue).receiveBody(String.class, WAIT),
                    "only the message of the committed transaction was stored");
            assertEquals(0, cf.store().depth(q));
            assertEquals(0, AppDb.count(db, table, "order-2"));
            AppDb.dropTable(app, table);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aReceiveIsAcknowledgedByTheApplicationsCommit(TestDatabase db) throws Exception {
        String q = TestDatabase.unique("jobs");
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             Connection app = db.connect();
             JMSContext plain = cf.createContext()) {
            String table = AppDb.createTable(app);
            plain.createProducer().send(plain.createQueue(q), "job-1");
            app.setAutoCommit(false);
            try (JMSContext jms = cf.createContext(app)) {
                Message m = jms.createConsumer(jms.createQueue(q)).receive(WAIT);
                assertNotNull(m, "the bound session receives");
                assertFalse(m.getJMSRedelivered());
                AppDb.insert(app, table, m.getBody(String.class), "done");
                assertEquals(1, cf.store().depth(q), "the acknowledgement waits for the application's commit");
                app.commit();
                assertEquals(0, cf.store().depth(q), "the commit acknowledged the message");
            }
            // Settling after the session closed must not bring it back.
            assertNull(plain.createConsumer(plain.createQueue(q)).receive(2 * 200 + 500),
                    "a committed receive is never redelivered");
            assertEquals(1, AppDb.count(db, table, "job-1"));
            AppDb.dropTable(app, table);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aReceiveRolledBackWithTheApplicationIsRedelivered(TestDatabase db) throws Exception {
        String q = TestDatabase.unique("jobs");
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             RowConnectionFactory otherNode = new RowConnectionFactory(db.config().withPoolSize(3));
             Connection app = db.connect();
             JMSContext there = otherNode.createContext()) {
            String table = AppDb.createTable(app);
            there.createProducer().send(there.createQueue(q), "job-2");
            app.setAutoCommit(false);
            JMSContext jms = cf.createContext(app);
            Message first = jms.createConsumer(jms.createQueue(q)).receive(WAIT);
            assertNotNull(first);
            AppDb.insert(app, table, "job-2", "half done");
            app.rollback();

            // The session stays open: the rolled-back message comes back without its help.
            Message again = there.createConsumer(there.createQueue(q)).receive(WAIT);
            assertNotNull(again, "the rolled-back message is redelivered");
            assertEquals("job-2", again.getBody(String.class));
            assertTrue(again.getJMSRedelivered(), "JMSRedelivered is set");
            assertEquals(2, again.getIntProperty("JMSXDeliveryCount"), "the delivery count was raised");
            assertEquals(0, AppDb.count(db, table, "job-2"));
            jms.close();
            AppDb.dropTable(app, table);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void rollbacksPastTheMaximumMoveTheMessageToTheDeadLetterQueue(TestDatabase db) throws Exception {
        String q = TestDatabase.unique("poison");
        String dlq = TestDatabase.unique("dlq");
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             Connection app = db.connect();
             JMSContext plain = cf.createContext()) {
            cf.configureDestination(q, DestinationSettings.DEFAULTS.withMaxDeliveries(2, dlq));
            plain.createProducer().send(plain.createQueue(q), "poison");
            app.setAutoCommit(false);
            try (JMSContext jms = cf.createContext(app)) {
                JMSConsumer consumer = jms.createConsumer(jms.createQueue(q));
                for (int delivery = 1; delivery <= 2; delivery++) {
                    Message m = consumer.receive(WAIT);
                    assertNotNull(m, "delivery " + delivery);
                    assertEquals(delivery, m.getIntProperty("JMSXDeliveryCount"));
                    app.rollback();
                }
            }
            Message dead = plain.createConsumer(plain.createQueue(dlq)).receive(WAIT);
            assertNotNull(dead, "after two rolled-back deliveries the message is in the dead-letter queue");
            assertEquals("poison", dead.getBody(String.class));
            assertEquals(q, dead.getStringProperty("JMS_RowMQ_OriginalDestination"));
            assertEquals(0, cf.store().depth(q));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void commitAndRollbackOnTheSessionAreRefusedAndLeaveTheConnectionAlone(TestDatabase db) throws Exception {
        String q = TestDatabase.unique("refused");
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection app = db.connect()) {
            app.setAutoCommit(false);
            jakarta.jms.Connection connection = cf.createConnection(app);
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertTrue(session.getTransacted(), "createSession's arguments are ignored: the session is transacted");
            assertEquals(Session.SESSION_TRANSACTED, session.getAcknowledgeMode());
            session.createProducer(session.createQueue(q)).send(session.createTextMessage("kept"));

            TransactionInProgressException commit = assertThrows(TransactionInProgressException.class, session::commit);
            assertTrue(commit.getMessage().contains("commit the JDBC connection"), commit.getMessage());
            TransactionInProgressException rollback = assertThrows(TransactionInProgressException.class, session::rollback);
            assertTrue(rollback.getMessage().contains("roll back the JDBC connection"), rollback.getMessage());
            assertEquals(0, cf.store().depth(q), "session.commit() did not commit the connection");

            try (JMSContext context = cf.createContext(app)) {
                assertTrue(context.getTransacted());
                assertThrows(TransactionInProgressRuntimeException.class, context::commit);
                assertThrows(TransactionInProgressRuntimeException.class, context::rollback);
            }
            app.commit();
            assertEquals(1, cf.store().depth(q), "the connection's commit stored the message");
            connection.close();
            assertFalse(app.isClosed());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aClosedOrAutoCommitConnectionIsRefusedWithWhatToChange(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config())) {
            Connection closed = db.connect();
            closed.setAutoCommit(false);
            closed.close();
            JMSRuntimeException e = assertThrows(JMSRuntimeException.class, () -> cf.createContext(closed));
            assertTrue(e.getMessage().contains("is closed"), e.getMessage());

            try (Connection app = db.connect()) {
                JMSException auto = assertThrows(JMSException.class, () -> cf.createConnection(app));
                assertTrue(auto.getMessage().contains("setAutoCommit(false)"), auto.getMessage());

                app.setAutoCommit(false);
                try (JMSContext jms = cf.createContext(app)) {
                    app.setAutoCommit(true); // the application changed its mind after binding
                    JMSRuntimeException later = assertThrows(JMSRuntimeException.class,
                            () -> jms.createProducer().send(jms.createQueue(TestDatabase.unique("x")), "no"));
                    assertTrue(later.getMessage().contains("auto-commit"), later.getMessage());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aConnectionToAnotherDatabaseIsRefusedAndItsTransactionStaysUsable(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             OtherDatabase other = OtherDatabase.create(db);
             Connection elsewhere = other.connect()) {
            cf.store(); // opens RowMQ's store before the check
            elsewhere.setAutoCommit(false);
            String table = AppDb.createTable(elsewhere);
            AppDb.insert(elsewhere, table, "before", null);
            JMSRuntimeException e = assertThrows(JMSRuntimeException.class, () -> cf.createContext(elsewhere));
            assertTrue(e.getMessage().contains("does not reach RowMQ's tables"), e.getMessage());
            AppDb.insert(elsewhere, table, "after", null);
            elsewhere.commit();
            assertEquals(1, AppDb.count(elsewhere, table, "before"), "the refusal did not disturb the transaction");
            assertEquals(1, AppDb.count(elsewhere, table, "after"));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aConsumerWaitingOnAnotherNodeGetsTheMessageAfterTheCommit(TestDatabase db) throws Exception {
        String q = TestDatabase.unique("wake");
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             RowConnectionFactory otherNode = new RowConnectionFactory(db.config().withPoolSize(3));
             Connection app = db.connect();
             JMSContext there = otherNode.createContext()) {
            JMSConsumer waiting = there.createConsumer(there.createQueue(q));
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> waiting.receiveBody(String.class, WAIT));
            app.setAutoCommit(false);
            try (JMSContext jms = cf.createContext(app)) {
                jms.createProducer().send(jms.createQueue(q), "wake up");
                app.commit();
            }
            assertEquals("wake up", received.get(WAIT + 5_000, TimeUnit.MILLISECONDS));
        }
    }
}
