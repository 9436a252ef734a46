package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.TestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/** What the cross-process tests share: databases several JVMs can open, output directories, sending and browsing. */
final class SharedDatabases {
    private SharedDatabases() {
    }

    /**
     * H2 in a fresh file with AUTO_SERVER=TRUE (the first JVM to open it serves the others over TCP: the test JVM must
     * open it before starting children, so that killing a child never kills the server), PostgreSQL and MariaDB.
     */
    static Stream<TestDatabase> all(String name) {
        TestDatabase h2 = TestDatabase.freshH2(name);
        return Stream.of(h2.withUrl(h2.url() + ";AUTO_SERVER=TRUE"), TestDatabase.postgresql(), TestDatabase.mariadb());
    }

    /** A directory under target/ for the children's output and record files of one test run. */
    static Path directory(String test, TestDatabase db) {
        Path dir = Path.of("target", "rowmq-procs", TestDatabase.unique(test + "-" + db.kind())).toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends text messages whose body is the id, committing every 100 (a transacted session: fewer commits). */
    static void send(Connection connection, Queue queue, List<String> ids) throws JMSException {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        try {
            MessageProducer producer = session.createProducer(queue);
            for (int i = 0; i < ids.size(); i++) {
                producer.send(session.createTextMessage(ids.get(i)));
                if (i % 100 == 99 || i == ids.size() - 1) session.commit();
            }
        } finally {
            session.close();
        }
    }

    /** The ids of the messages a browser sees (ready ones, not those in flight). */
    static List<String> browse(Connection connection, Queue queue) throws JMSException {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try {
            QueueBrowser browser = session.createBrowser(queue);
            List<String> ids = new ArrayList<>();
            for (Object m : Collections.list(browser.getEnumeration())) ids.add(((TextMessage) m).getText());
            return ids;
        } finally {
            session.close();
        }
    }

    /**
     * Waits until no message of the queue is in flight (every stored one is browsable, i.e. ready), which after a
     * kill means the lease reaper returned the dead JVM's messages. Returns the ids then in the queue.
     */
    static List<String> awaitNothingInFlight(TestDatabase db, RowConnectionFactory factory, Connection connection,
                                             Queue queue, long timeoutMillis) throws JMSException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            long depth = factory.store().depth(queue.getQueueName());
            List<String> ready = browse(connection, queue);
            if (ready.size() == depth) return ready;
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("after " + timeoutMillis + " ms " + (depth - ready.size()) + " of " + depth
                        + " messages of " + queue.getQueueName() + " are still in flight: the dead JVM's lease was not reaped"
                        + InFlightDiagnosis.describe(db, queue.getQueueName()));
            }
            Thread.sleep(50);
        }
    }
}
