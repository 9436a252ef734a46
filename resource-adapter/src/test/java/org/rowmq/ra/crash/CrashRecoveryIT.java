package org.rowmq.ra.crash;

import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rowmq.ra.it.Orders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * WildFly killed with kill -9 between prepare and commit of a transaction with an XA datasource (MariaDB, whose
 * prepared transactions outlive their client; H2's did not always survive the kill here) and RowMQ (XA): after
 * the restart the server's recovery completes it through RowMQ's XAResource (the connection definition's recovery),
 * and the row and the message both exist or neither does, with no RowMQ branch left prepared. Trials: 5, or
 * {@code -Drowmq.crash.trials=N}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class CrashRecoveryIT {
    static final String CONTAINER = "crash";
    static final String APP = "crashapp";
    static final Duration RECOVERY_DEADLINE = Duration.ofSeconds(120);

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = APP, managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, APP + ".war")
                .addClasses(CrashServlet.class, BlockingXAResource.class, Orders.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\n"
                        + "Dependencies: jakarta.jms.api, deployment.rowmq-ra.rar\n"));
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private CompletableFuture<HttpResponse<String>> call(String op, String id) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/" + APP + "/crash?op=" + op + "&id=" + id))
                .build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    public void killedBetweenPrepareAndCommitRecoversToBothOrNeither() throws Exception {
        // The XA datasource's user: WildFly's XA recovery needs credentials with a password.
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS 'rowmq_ra_it'@'%' IDENTIFIED BY 'rowmq_ra_it'");
            s.execute("GRANT ALL ON test.* TO 'rowmq_ra_it'@'%'");
        } catch (java.sql.SQLException e) {
            if ("required".equals(System.getProperty("rowmq.test.databases"))) throw e;
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "MariaDB on 127.0.0.1:3306 is not reachable: " + e.getMessage());
        }
        int trials = Integer.getInteger("rowmq.crash.trials", 5);
        Path markers = Path.of(System.getProperty("jboss.home"), "standalone", "data", "crash-markers");
        int both = 0;
        int neither = 0;
        controller.start(CONTAINER);
        deployer.deploy(APP);
        try {
            for (int trial = 1; trial <= trials; trial++) {
                String id = UUID.randomUUID().toString();
                call("commit", id); // never answers: the server dies in its commit
                awaitFile(markers.resolve(id));
                killServer();
                controller.stop(CONTAINER);
                controller.start(CONTAINER);
                String outcome = awaitRecovered(id);
                if (outcome.equals("true 1 0")) both++;
                else if (outcome.equals("false 0 0")) neither++;
                else fail("trial " + trial + ": row, messages, prepared branches = " + outcome);
                System.out.printf("crash trial %d/%d: %s%n", trial, trials, outcome.startsWith("true") ? "both" : "neither");
            }
        } finally {
            if (controller.isStarted(CONTAINER)) {
                deployer.undeploy(APP);
                controller.stop(CONTAINER);
            }
        }
        System.out.printf("crash trials: %d, both committed: %d, both rolled back: %d%n", trials, both, neither);
        assertEquals(trials, both + neither);
        // The transaction manager's commit decision was logged before the first commit: recovery must commit.
        assertEquals(trials, both, "every transaction was decided commit before the kill");
    }

    private static void awaitFile(Path marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(marker)) {
            if (System.nanoTime() > deadline) fail("the transaction never reached its commit phase: no " + marker);
            Thread.sleep(50);
        }
    }

    private static void killServer() throws Exception {
        ProcessHandle server = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no WildFly process to kill"));
        new ProcessBuilder("kill", "-9", Long.toString(server.pid())).inheritIO().start().waitFor();
        server.onExit().get(30, TimeUnit.SECONDS);
    }

    /** Polls the application until recovery left nothing prepared and the outcome no longer changes. */
    private String awaitRecovered(String id) throws Exception {
        long deadline = System.nanoTime() + RECOVERY_DEADLINE.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r;
            try {
                r = call("check", id).get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                Thread.sleep(500); // the application is not deployed yet
                continue;
            }
            if (r.statusCode() == 200) {
                last = r.body().trim();
                if (last.endsWith(" 0") && !last.equals("false 1 0") && !last.equals("true 0 0")) return last;
            }
            Thread.sleep(500);
        }
        fail("recovery did not complete within " + RECOVERY_DEADLINE + "; last check (row messages prepared): " + last);
        return last;
    }
}
