package org.rowmq.cluster;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.PostgresFailoverPair;
import org.rowmq.testsupport.TestDatabase;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RowMQ on a PostgreSQL primary with a synchronous standby, through a multi-host URL with targetServerType=primary.
 * The primary is killed (SIGKILL) under a producer and a transacted consumer and the standby promoted: RowMQ
 * reconnects by itself and both carry on; every send that returned and every commit that returned is on the new
 * primary; a send or commit the failover cut off is reported (TransactionRolledBackException, or JMSException with the
 * database's failure as its cause), never retried silently; this JVM's node row (its lease) is still there.
 */
class PostgresFailoverTest {

    /**
     * How far RowMQ's estimate of the database's clock may be off, either way: the estimate is one reading, placed at
     * the midpoint of its round trip and advanced with the JVM's timer, so it is off by up to half a round trip.
     */
    private static final long CLOCK_ESTIMATE_TOLERANCE = 1_000;

    @Test
    void afterAFailoverEveryReturnedSendAndCommitIsThereAndCutOffOnesWereReported() throws Exception {
        String queueName = TestDatabase.unique("pg.failover");
        ClusterLedger ledger = new ClusterLedger();
        List<JMSException> reported = new CopyOnWriteArrayList<>();
        AtomicInteger redelivered = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        try (PostgresFailoverPair pair = PostgresFailoverPair.start(26310);
             RowConnectionFactory factory = factoryOn(pair);
             Connection connection = factory.createConnection()) {
            connection.start();
            String node = factory.store().nodeId();
            long started = nodeStarted(pair, node);
            Thread producer = new Thread(() -> {
                try {
                    Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    MessageProducer p = s.createProducer(s.createQueue(queueName));
                    for (int n = 0; !stop.get(); n++) {
                        String id = "m" + n;
                        try {
                            p.send(s.createTextMessage(id));
                            ledger.sent(id);
                        } catch (JMSException e) {
                            ledger.sendUnknown(id);
                            reported.add(e);
                            Thread.sleep(100);
                        }
                    }
                } catch (Exception e) {
                    reported.add(new JMSException("producer broke: " + e));
                }
            }, "producer");
            Thread consumer = new Thread(() -> consume(connection, queueName, stop, ledger, reported, redelivered),
                    "consumer");
            producer.start();
            consumer.start();
            Thread.sleep(2_000);
            int sentBefore = ledger.sends();
            pair.failover();
            Thread.sleep(3_000);
            stop.set(true);
            producer.join(60_000);
            consumer.join(60_000);
            assertTrue(ledger.sends() > sentBefore, "the producer carried on after the failover");

            assertEquals(started, nodeStarted(pair, node), "this JVM's node row survived the failover");
            // The same live JVM drains the queue: the rows of a claim the failover cut off (committed, its answer
            // lost) came back to ready with the consumer's next claim, not only when this JVM closes.
            ledger.drained(CrashLoopTrial.drain(connection, queueName));
            for (JMSException e : reported) {
                assertTrue(e instanceof TransactionRolledBackException || e.getCause() != null,
                        "a failure reported with its cause: " + e);
            }
            ledger.assertExactlyOnce(lost -> rowsOf(pair, lost) + "; failures reported: " + reported);
            System.out.println("PostgreSQL failover: " + ledger.summary() + " (" + sentBefore + " sends before the"
                    + " failover, " + redelivered.get() + " redelivered)");
        }
    }

    /**
     * After a failover every life token is free on the new primary until its node takes it again: a JVM that
     * reconnects first must not take that for the death of the others (their messages would be redelivered and their
     * acknowledgements refused). A message held across the failover stays its holder's, and its acknowledgement works.
     */
    @Test
    void aMessageHeldAcrossAFailoverStaysItsHoldersWhileAnotherJvmLooksForWork() throws Exception {
        try (PostgresFailoverPair pair = PostgresFailoverPair.start(26320);
             RowConnectionFactory holder = new RowConnectionFactory(StoreConfig.url(pair.url(), "postgres", "")
                     .withLease(Duration.ofMillis(500), Duration.ofSeconds(30)).withPoolSize(4));
             RowConnectionFactory looker = new RowConnectionFactory(StoreConfig.url(pair.url(), "postgres", "")
                     .withLease(Duration.ofMillis(500), Duration.ofSeconds(30)).withPoolSize(5))) {
            HeldAcrossFailure.check(holder, looker, TestDatabase.unique("pg.failover.held"), "failover",
                    k -> pair.failover());
        }
    }

    /**
     * Delivery delay and expiry are judged on the database's clock, also on the promoted standby: a message whose
     * delay outlasts the failover is not delivered before its time (as the new primary's clock has it) and is delivered
     * after it; a message whose time to live ran out is never delivered and is deleted. RowMQ's node row survives.
     */
    @Test
    void delayAndExpiryStayOnTheDatabasesClockAcrossAFailover() throws Exception {
        String queueName = TestDatabase.unique("pg.failover.time");
        try (PostgresFailoverPair pair = PostgresFailoverPair.start(26330);
             RowConnectionFactory factory = factoryOn(pair);
             Connection connection = factory.createConnection()) {
            String node = factory.store().nodeId();
            long started = nodeStarted(pair, node);
            Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = s.createQueue(queueName);
            MessageProducer p = s.createProducer(queue);
            long timeToLive = 5_000;
            p.setTimeToLive(timeToLive);
            p.send(s.createTextMessage("expiring"));
            // Its expiry was written on RowMQ's estimate of the database's clock before the send returned, and a claim
            // compares it with that estimate: once the database's clock is past this, every claim sees it expired.
            long expiredBy = databaseNow(pair) + timeToLive + 2 * CLOCK_ESTIMATE_TOLERANCE;
            p.setTimeToLive(0);
            // Long enough to outlast a failover on a loaded machine, so that the new primary decides when it is due.
            p.setDeliveryDelay(20_000);
            p.send(s.createTextMessage("delayed"));
            long deliveryTime = deliveryTime(pair, queueName);

            pair.failover();
            while (databaseNow(pair) <= expiredBy) Thread.sleep(100); // setup: "expiring" has expired on the new primary
            MessageConsumer consumer = s.createConsumer(queue);
            connection.start();
            System.out.println("PostgreSQL failover, times: the consumer starts " + (deliveryTime - databaseNow(pair))
                    + " ms before the delayed message is due, on the new primary's clock");
            Message got = null;
            while (got == null) {
                got = consumer.receive(500);
                // Read after the receive returned: a message received while this is still before its time came early.
                long now = databaseNow(pair);
                if (got != null) {
                    assertEquals("delayed", ((TextMessage) got).getText(), "the expired message is never delivered");
                    assertTrue(now + CLOCK_ESTIMATE_TOLERANCE >= deliveryTime, "the delayed message came "
                            + (deliveryTime - now) + " ms before its time on the database's clock");
                } else {
                    assertTrue(now < deliveryTime + 120_000, "the delayed message never came after its time");
                }
            }
            consumer.close();
            long deadline = System.currentTimeMillis() + 120_000;
            while (storedRows(pair, queueName) > 0) {
                assertTrue(System.currentTimeMillis() < deadline, "the expired message (or the acknowledged one)"
                        + " is still stored: " + rowsOf(pair, List.of("expiring", "delayed")));
                Thread.sleep(200);
            }
            assertEquals(started, nodeStarted(pair, node), "this JVM's node row survived the failover");
        }
    }

    private static RowConnectionFactory factoryOn(PostgresFailoverPair pair) {
        return new RowConnectionFactory(StoreConfig.url(pair.url(), "postgres", "")
                .withLease(Duration.ofMillis(500), Duration.ofSeconds(15)));
    }

    /** The database's time now, in epoch milliseconds: the clock RowMQ's rows are written on. */
    private static long databaseNow(PostgresFailoverPair pair) throws Exception {
        try (java.sql.Connection c = pair.connectPrimary();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** When the delayed message (the queue's one row that does not expire) is due, on the database's clock. */
    private static long deliveryTime(PostgresFailoverPair pair, String queue) throws Exception {
        try (java.sql.Connection c = pair.connectPrimary();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT visible_at FROM rowmq_message WHERE destination = ? AND expires_at = 0")) {
            ps.setString(1, queue);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "queue " + queue + " holds the delayed message");
                return rs.getLong(1);
            }
        }
    }

    private static int storedRows(PostgresFailoverPair pair, String queue) throws Exception {
        try (java.sql.Connection c = pair.connectPrimary();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM rowmq_message WHERE destination = ?")) {
            ps.setString(1, queue);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void consume(Connection connection, String queueName, AtomicBoolean stop, ClusterLedger ledger,
                                List<JMSException> reported, AtomicInteger redelivered) {
        try {
            Session s = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer c = s.createConsumer(s.createQueue(queueName));
            while (!stop.get()) {
                Message m;
                try {
                    m = c.receive(200);
                } catch (JMSException e) {
                    reported.add(e);
                    Thread.sleep(100);
                    continue;
                }
                if (m == null) continue;
                String id = ((TextMessage) m).getText();
                if (m.getJMSRedelivered()) redelivered.incrementAndGet();
                try {
                    s.commit();
                    ledger.acknowledged(id);
                } catch (TransactionRolledBackException e) {
                    reported.add(e); // rolled back: the message comes again
                } catch (JMSException e) {
                    ledger.acknowledgementUnknown(id); // outcome unknown: consumed or back in the queue
                    reported.add(e);
                    try {
                        s.rollback();
                    } catch (JMSException again) {
                        reported.add(again);
                    }
                }
            }
            s.close();
        } catch (Exception e) {
            reported.add(new JMSException("consumer broke: " + e));
        }
    }

    /** Where lost messages are, for the failure message: their rows (state, owner) or nothing. */
    private static List<String> rowsOf(PostgresFailoverPair pair, List<String> ids) throws Exception {
        List<String> rows = new ArrayList<>();
        try (java.sql.Connection c = pair.connectPrimary();
             PreparedStatement ps = c.prepareStatement("SELECT id, state, owner_node, delivery_count, payload"
                     + " FROM rowmq_message")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String payload = new String(rs.getBytes(5), java.nio.charset.StandardCharsets.ISO_8859_1);
                    for (String id : ids) {
                        if (payload.endsWith(id)) {
                            rows.add(id + ": row " + rs.getLong(1) + " state " + rs.getInt(2) + " owner "
                                    + rs.getString(3) + " deliveries " + rs.getInt(4));
                        }
                    }
                }
            }
        }
        return rows;
    }

    private static long nodeStarted(PostgresFailoverPair pair, String node) throws Exception {
        try (java.sql.Connection c = pair.connectPrimary();
             PreparedStatement ps = c.prepareStatement("SELECT started FROM rowmq_node WHERE id = ?")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "node " + node + " has its row");
                return rs.getLong(1);
            }
        }
    }
}
