package org.rowmq.cluster;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.GaleraCluster;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RowMQ JVMs on different nodes of a three-node Galera cluster share queues. Galera's row locks are local to a node:
 * two nodes claim or acknowledge the same rows at once and one of them learns at commit, as a certification failure
 * (a deadlock error, SQLState 40001). The store runs such a transaction again (it left nothing behind), so the
 * application sees no error, and no message is lost, duplicated or delivered to two consumers. Named locks are local
 * to a node too, so RowMQ holds no life token on Galera: a live JVM on one node keeps its messages while a JVM on
 * another node looks for work. The start-time check refuses tables Galera does not replicate safely.
 */
class GaleraQueueTest {

    private static final int PER_PRODUCER = 400;
    private static GaleraCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = GaleraCluster.start(3, 26100);
        // The schema is created once, by one JVM, before JVMs on other nodes start (README, "Running on a cluster").
        try (RowConnectionFactory first = new RowConnectionFactory(config(0));
             Connection c = first.createConnection()) {
            c.createSession(false, Session.AUTO_ACKNOWLEDGE).close();
        }
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    private static StoreConfig config(int node) {
        return StoreConfig.url(cluster.url(node), "root", "").withPoolSize(8);
    }

    @Test
    void consumersOnEveryNodeReceiveEachMessageOnceWhileProducersOnTwoNodesSend() throws Exception {
        String queueName = TestDatabase.unique("galera.shared");
        Map<String, Integer> received = new ConcurrentHashMap<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger done = new AtomicInteger();
        int producers = 2;
        int total = producers * PER_PRODUCER;
        List<RowConnectionFactory> factories = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            for (int node = 0; node < cluster.size(); node++) {
                RowConnectionFactory f = new RowConnectionFactory(config(node));
                factories.add(f);
                Connection c = f.createConnection();
                connections.add(c);
                c.start();
            }
            List<Future<?>> tasks = new ArrayList<>();
            // Consumers on all three nodes: auto-acknowledged (group-committed deletes) and transacted.
            for (int node = 0; node < cluster.size(); node++) {
                for (boolean transacted : new boolean[]{false, true}) {
                    Connection c = connections.get(node);
                    tasks.add(pool.submit(() -> consume(c, queueName, transacted, received, done, total, failures)));
                }
            }
            // Producers on nodes 0 and 2: one group-committed, one sending in transactions of ten.
            for (int p = 0; p < producers; p++) {
                Connection c = connections.get(p * 2);
                String prefix = "p" + p + "-";
                boolean transacted = p == 1;
                tasks.add(pool.submit(() -> produce(c, queueName, prefix, transacted, failures)));
            }
            for (Future<?> t : tasks) t.get(180, TimeUnit.SECONDS);
        } finally {
            for (Connection c : connections) c.close();
            for (RowConnectionFactory f : factories) f.close();
            pool.shutdownNow();
        }
        assertTrue(failures.isEmpty(), "no error reached the application: " + failures);
        assertEquals(total, received.size(), "every message was received");
        received.forEach((id, times) -> assertEquals(1, times, id + " was received once"));
    }

    @Test
    void aLiveJvmOnOneNodeKeepsItsMessageWhileAJvmOnAnotherNodeLooksForWork() throws Exception {
        String queueName = TestDatabase.unique("galera.held");
        try (RowConnectionFactory onFirst = new RowConnectionFactory(config(0));
             RowConnectionFactory onSecond = new RowConnectionFactory(config(1));
             Connection holderConnection = onFirst.createConnection();
             Connection lookerConnection = onSecond.createConnection()) {
            Session holder = holderConnection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = holder.createQueue(queueName);
            holder.createProducer(queue).send(holder.createTextMessage("held"));
            holderConnection.start();
            Message held = holder.createConsumer(queue).receive(30_000);
            assertNotNull(held, "the holder received the message");

            Session looker = lookerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer other = looker.createConsumer(queue);
            lookerConnection.start();
            // Several empty claims: each one may look at the holders of the queue's in-flight rows.
            for (int i = 0; i < 3; i++) assertNull(other.receive(1_500), "a live holder's message is not taken");
            held.acknowledge();
            assertEquals(0, onFirst.store().depth(queueName), "the holder's acknowledgement took effect");
        }
    }

    @Test
    void aTableWithoutAPrimaryKeyIsRefusedAtStartWithWhatToChange() throws Exception {
        try (java.sql.Connection c = cluster.connect(0); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE rowmq_no_pk");
            s.execute("CREATE TABLE rowmq_no_pk.rowmq_destination (name VARCHAR(255) NOT NULL) ENGINE=InnoDB");
        }
        assertRefused(cluster.url(1).replace("/" + GaleraCluster.DATABASE, "/rowmq_no_pk"),
                "table rowmq_destination has no primary key; give it one");
    }

    /** The other settings RowMQ checks at start, each named with what to change. */
    @Test
    void aStatementBinlogOrATableGaleraDoesNotReplicateIsRefusedAtStartWithWhatToChange() throws Exception {
        // binlog_format is read per session: the URL sets it on every connection of RowMQ's pool.
        assertRefused(cluster.url(1) + "?sessionVariables=binlog_format=STATEMENT",
                "binlog_format is STATEMENT; set binlog_format=ROW");

        try (java.sql.Connection c = cluster.connect(0); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE rowmq_myisam");
            s.execute("CREATE TABLE rowmq_myisam.rowmq_destination (name VARCHAR(255) NOT NULL PRIMARY KEY)"
                    + " ENGINE=MyISAM");
        }
        assertRefused(cluster.url(1).replace("/" + GaleraCluster.DATABASE, "/rowmq_myisam"),
                "table rowmq_destination uses MyISAM, which Galera does not replicate");
    }

    private static void assertRefused(String url, String expected) {
        JMSException refused = assertThrows(JMSException.class, () -> {
            try (RowConnectionFactory f = new RowConnectionFactory(StoreConfig.url(url, "root", ""));
                 Connection c = f.createConnection()) {
                c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            }
        });
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    private static void produce(Connection c, String queueName, String prefix, boolean transacted,
                                List<Throwable> failures) {
        try {
            Session s = c.createSession(transacted, transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = s.createProducer(s.createQueue(queueName));
            for (int i = 0; i < PER_PRODUCER; i++) {
                producer.send(s.createTextMessage(prefix + i));
                if (transacted && i % 10 == 9) s.commit();
            }
            if (transacted) s.commit();
            s.close();
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    private static void consume(Connection c, String queueName, boolean transacted, Map<String, Integer> received,
                                AtomicInteger done, int total, List<Throwable> failures) {
        try {
            Session s = c.createSession(transacted, transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queueName));
            long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
            while (done.get() < total && System.nanoTime() < deadline) {
                Message m = consumer.receive(200);
                if (m == null) continue;
                if (transacted) s.commit();
                received.merge(((TextMessage) m).getText(), 1, Integer::sum);
                done.incrementAndGet();
            }
            s.close();
        } catch (Throwable t) {
            failures.add(t);
        }
    }
}
