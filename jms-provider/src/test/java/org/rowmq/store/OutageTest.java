package org.rowmq.store;

import jakarta.jms.JMSException;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.rowmq.testsupport.TestDatabase;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.message;

/** The database goes away mid-run and comes back: failures are JMSExceptions, nothing committed is lost. */
class OutageTest {

    @Test
    void aStoppedDatabaseFailsCallsWithTheCauseLinkedAndLosesNothingCommitted() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String base = Path.of("target", "rowmq-h2-tcp").toAbsolutePath().toString();
        String[] args = {"-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir", base};
        Server server = Server.createTcpServer(args).start();
        String url = "jdbc:h2:tcp://localhost:" + port + "/" + TestDatabase.unique("outage") + ";WRITE_DELAY=0";
        String queue = TestDatabase.unique("survives");
        try (OpenStore store = OpenStore.open(org.rowmq.store.StoreConfig.url(url, "sa", ""))) {
            List<OutgoingMessage> committed = new ArrayList<>();
            for (int i = 0; i < 10; i++) committed.add(message(queue, "before-" + i));
            store.send(committed).get(30, TimeUnit.SECONDS);

            server.stop();
            ExecutionException sendFailure = assertThrows(ExecutionException.class,
                    () -> store.send(List.of(message(queue, "during"))).get(60, TimeUnit.SECONDS));
            JMSException jms = assertInstanceOf(JMSException.class, sendFailure.getCause());
            assertInstanceOf(SQLException.class, jms.getLinkedException());
            assertSame(jms.getLinkedException(), jms.getCause());
            JMSException claimFailure = assertThrows(JMSException.class, () -> store.claim(queue, 10, null));
            assertNotNull(claimFailure.getLinkedException());
            assertTrue(claimFailure.getMessage().contains(queue), claimFailure.getMessage());

            server = Server.createTcpServer(args).start();
            Poll.until(() -> {
                try {
                    store.send(List.of(message(queue, "after"))).get(30, TimeUnit.SECONDS);
                    return true;
                } catch (ExecutionException e) {
                    return false;
                }
            }, Boolean::booleanValue, "sending never worked again after the database came back");
            List<String> bodies = new ArrayList<>();
            List<StoredMessage> got;
            while (!(got = store.claim(queue, 100, null)).isEmpty()) bodies.addAll(Messages.bodies(got));
            for (int i = 0; i < 10; i++) assertTrue(bodies.contains("before-" + i), "lost before-" + i + ": " + bodies);
            assertEquals(1, bodies.stream().filter("after"::equals).count());
        } finally {
            server.stop();
        }
    }
}
