package org.rowmq.cluster;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.rowmq.testsupport.ChildJvm;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One trial of a cluster crash loop: a producer JVM and consumer JVMs ({@link ClusterClientMain}) each on its own
 * URL, a number of failures injected while they run, then the producer stopped, the consumers given time to take
 * everything, stopped, and the rest drained by the test JVM. Returns the ledger to judge.
 */
final class CrashLoopTrial {

    /** One failure of the database (a node killed and restarted, a primary killed and its standby promoted). */
    @FunctionalInterface
    interface Failure {
        void inject(int number) throws Exception;
    }

    /**
     * How long a client may take to stop. A Galera node rejoining after a kill gets a full state transfer by rsync, which
     * blocks writes on its donor until the copy ends (about 2 s here when the machine is quiet, over a minute when it is
     * loaded: seen twice), and a client whose statement is on the donor waits that long; so does a PostgreSQL client
     * reconnecting after a failover. Nothing else is judged by this wait: the ledger judges the trial.
     */
    private static final Duration EXIT = Duration.ofMinutes(5);

    private CrashLoopTrial() {
    }

    /**
     * @param producerUrl  the producer's JDBC URL
     * @param consumerUrls one consumer JVM per URL
     */
    static ClusterLedger run(Connection test, Path dir, String user, String password, String producerUrl,
                             List<String> consumerUrls, int failures, Failure failure) throws Exception {
        Files.createDirectories(dir);
        String queue = TestDatabase.unique("cluster.loop");
        List<ChildJvm> children = new ArrayList<>();
        List<Path> records = new ArrayList<>();
        try {
            ChildJvm producer = start("producer", producerUrl, user, password, queue, dir, children, records);
            for (int i = 0; i < consumerUrls.size(); i++) {
                start("consumer-" + i, consumerUrls.get(i), user, password, queue, dir, children, records);
            }
            for (ChildJvm c : children) c.awaitLine("READY", Duration.ofSeconds(60));
            for (int k = 1; k <= failures; k++) {
                Thread.sleep(2_000);
                failure.inject(k);
            }
            Thread.sleep(2_000);
            producer.tell("STOP");
            producer.awaitExit(EXIT);
            awaitConsumed(test, queue);
            for (ChildJvm c : children) {
                if (c.isAlive()) {
                    c.tell("STOP");
                    c.awaitExit(EXIT);
                }
            }
        } finally {
            for (ChildJvm c : children) c.close();
        }
        ClusterLedger ledger = new ClusterLedger();
        for (Path file : records) ledger.read(file);
        ledger.drained(drain(test, queue));
        return ledger;
    }

    private static ChildJvm start(String name, String url, String user, String password, String queue, Path dir,
                                  List<ChildJvm> children, List<Path> records) throws Exception {
        Path file = dir.resolve(name + ".records");
        records.add(file);
        String role = name.equals("producer") ? "producer" : "consumer";
        ChildJvm child = ChildJvm.builder(name, ClusterClientMain.class).directory(dir)
                .args(role, url, user, password, queue, file.toString()).start();
        children.add(child);
        return child;
    }

    /**
     * Waits (60 s at most) until the consumers took everything; what they left is drained and counted anyway. The
     * test JVM's own connections may meet a database that just failed over: it carries on like the children.
     */
    private static void awaitConsumed(Connection connection, String queue) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                try {
                    if (!session.createBrowser(session.createQueue(queue)).getEnumeration().hasMoreElements()) return;
                } finally {
                    session.close();
                }
            } catch (JMSException e) {
                System.out.println("  browsing failed, trying again: " + e);
            }
            Thread.sleep(500);
        }
    }

    /** Receives until the queue stays empty for a few seconds; failures (a failover) are retried for a minute. */
    static List<String> drain(Connection connection, String queue) throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        List<String> drained = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 60_000;
        try {
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            while (true) {
                Message m;
                try {
                    m = consumer.receive(3_000);
                } catch (JMSException e) {
                    if (System.currentTimeMillis() > deadline) throw e;
                    System.out.println("  draining failed, trying again: " + e);
                    Thread.sleep(500);
                    continue;
                }
                if (m == null) return drained;
                drained.add(((TextMessage) m).getText());
            }
        } finally {
            session.close();
        }
    }
}
