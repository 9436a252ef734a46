package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.rowmq.store.StoreConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database goes away mid-run (a real H2 server, stopped and started again on the same port): operations fail
 * with a JMSException that carries the SQLException, the ExceptionListener hears of it, and once the database is back
 * everything committed before the outage is still there and messaging resumes.
 */
class DatabaseOutageTest {

    @Test
    void aDatabaseOutageSurfacesAsJmsExceptionAndLosesNothing() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "outage-" + System.nanoTime()).toAbsolutePath());
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString(), "-ifNotExists").start();
        int port = server.getPort();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/rowmq;WRITE_DELAY=0";
        StoreConfig config = StoreConfig.url(url, "sa", "").withPoolSize(4);
        try (RowConnectionFactory cf = new RowConnectionFactory(config); Connection c = cf.createConnection()) {
            CountDownLatch told = new CountDownLatch(1);
            c.setExceptionListener(e -> told.countDown());
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue("outage");
            MessageProducer p = s.createProducer(q);
            for (int i = 0; i < 5; i++) p.send(s.createTextMessage("before " + i));
            Session listening = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            listening.createConsumer(listening.createQueue("outage.listened")).setMessageListener(m -> { });

            server.stop();
            JMSException failure = assertThrows(JMSException.class, () -> p.send(s.createTextMessage("during")));
            assertTrue(causedBySql(failure), "the SQLException is attached: " + failure);
            assertNotNull(failure.getMessage());
            assertTrue(told.await(30, TimeUnit.SECONDS), "the ExceptionListener was told (by the listener's session)");

            server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", dir.toString(), "-ifNotExists").start();
            p.send(s.createTextMessage("after"));
            MessageConsumer consumer = s.createConsumer(q);
            Set<String> got = new HashSet<>();
            for (int i = 0; i < 6; i++) got.add(((TextMessage) consumer.receive(20_000)).getText());
            assertEquals(Set.of("before 0", "before 1", "before 2", "before 3", "before 4", "after"), got);
        } finally {
            server.stop();
        }
    }

    private static boolean causedBySql(Throwable t) {
        for (; t != null; t = t.getCause()) if (t instanceof SQLException) return true;
        return false;
    }
}
