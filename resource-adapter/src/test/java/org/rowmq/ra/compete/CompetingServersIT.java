package org.rowmq.ra.compete;

import jakarta.jms.JMSContext;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rowmq.client.RowConnectionFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Message-driven beans in two WildFly servers on one database compete for a queue: every message is consumed exactly
 * once, and both servers consume some. The suite's server runs the bean; a second server (port offset 200, its own
 * copy of the configured base directory made by the build) runs the same application. Two servers are heavy for the
 * suite on a small machine, so the test runs only with {@code -Drowmq.it.competing=true}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class CompetingServersIT {
    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=rowmq_ra_it";
    static final int MESSAGES = Integer.getInteger("rowmq.it.competing.messages", 400);
    private static Process peer;
    private static Path peerBase;

    @Deployment(testable = false)
    static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "compete.war").addClass(CompetingMdb.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: jakarta.jms.api\n"));
    }

    @BeforeAll
    static void startPeer() throws Exception {
        assumeTrue(Boolean.getBoolean("rowmq.it.competing"),
                "two WildFly servers: run with -Drowmq.it.competing=true");
        try (Connection c = DriverManager.getConnection(URL, "postgres", "postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS rowmq_ra_it");
            s.execute("DROP TABLE IF EXISTS it_competed");
            s.execute("CREATE TABLE it_competed (body VARCHAR(64), server VARCHAR(8))");
        }
        Path home = Path.of(System.getProperty("jboss.home"));
        peerBase = Path.of(System.getProperty("rowmq.peer.base"));
        Path log = peerBase.resolve("log/server.log");
        Files.deleteIfExists(log);
        Files.createDirectories(peerBase.resolve("deployments"));
        app().as(ZipExporter.class).exportTo(peerBase.resolve("deployments/compete.war").toFile(), true);
        // standalone.sh adds the JDK module options; in the background it passes SIGTERM on to the server.
        ProcessBuilder server = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + peerBase, "-Djboss.socket.binding.port-offset=200",
                "-Djboss.tx.node.id=peer")
                .redirectErrorStream(true).redirectOutput(peerBase.resolve("peer-console.log").toFile());
        server.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        server.environment().put("JAVA_OPTS", "-Xms64m -Xmx512m -XX:MaxMetaspaceSize=256m -XX:TieredStopAtLevel=1 "
                + "-XX:+UseSerialGC -Djava.net.preferIPv4Stack=true");
        peer = server.start();
        awaitLog(log, "Deployed \"compete.war\"", Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopPeer() throws Exception {
        if (peer == null) return;
        peer.destroy();
        if (!peer.waitFor(60, TimeUnit.SECONDS)) peer.destroyForcibly().waitFor();
        Files.deleteIfExists(peerBase.resolve("deployments/compete.war"));
    }

    private static void awaitLog(Path log, String text, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (!peer.isAlive()) throw new IllegalStateException("the second WildFly exited; see " + log);
            if (Files.exists(log) && Files.readString(log).contains(text)) return;
            Thread.sleep(500);
        }
        throw new IllegalStateException("the second WildFly did not log '" + text + "' in " + timeout + "; see " + log);
    }

    @Test
    public void eachMessageIsConsumedOnceAndBothServersConsume() throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(URL, "postgres", "postgres");
             JMSContext ctx = cf.createContext(JMSContext.SESSION_TRANSACTED)) {
            var queue = ctx.createQueue("it.compete");
            var producer = ctx.createProducer();
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(queue, "m" + i);
                if (i % 50 == 49) ctx.commit();
            }
            ctx.commit();
        }
        Map<String, Integer> byServer = new HashMap<>();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        int rows;
        do {
            Thread.sleep(500);
            rows = count("SELECT COUNT(*) FROM it_competed");
        } while (rows < MESSAGES && System.nanoTime() < end);
        Thread.sleep(2000); // a duplicate would arrive after the last first delivery
        assertEquals(MESSAGES, count("SELECT COUNT(DISTINCT body) FROM it_competed"), "every message consumed");
        assertEquals(MESSAGES, count("SELECT COUNT(*) FROM it_competed"), "none consumed twice");
        try (Connection c = DriverManager.getConnection(URL, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT server, COUNT(*) FROM it_competed GROUP BY server")) {
            while (r.next()) byServer.put(r.getString(1), r.getInt(2));
        }
        System.out.println("CompetingServersIT: " + MESSAGES + " messages consumed by server (port offset) " + byServer);
        assertTrue(byServer.getOrDefault("0", 0) > 0 && byServer.getOrDefault("200", 0) > 0,
                "both servers consumed some: " + byServer);
    }

    private static int count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "postgres", "postgres"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getInt(1);
        }
    }
}
