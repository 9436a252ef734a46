package org.rowmq.cluster;

import jakarta.jms.Connection;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.GaleraCluster;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * The Galera crash loop: a producer JVM on one node and consumer JVMs (CLIENT_ACKNOWLEDGE) on the two others, each
 * with a URL naming every node (sequential failover); while they run, a random node is killed with SIGKILL and
 * restarted, again and again. At the end every message whose send returned was acknowledged once or is still queued
 * (or its acknowledgement's outcome was reported unknown to the consumer), no message whose acknowledgement returned
 * was delivered again, and nothing arrived that was never sent ({@link ClusterLedger}).
 *
 * <p>{@code -Drowmq.cluster.trials=N} runs N trials on one cluster (1 by default), {@code -Drowmq.cluster.kills=K}
 * kills K nodes per trial (2 by default); {@code -Drowmq.cluster.seed=S} replays the choice of nodes.
 */
class GaleraCrashLoopTest {
    private static final int TRIALS = Integer.getInteger("rowmq.cluster.trials", 1);
    private static final int KILLS = Integer.getInteger("rowmq.cluster.kills", 2);

    @Test
    void nodesKilledUnderProducersAndConsumersLoseNothingAndDuplicateNoAcknowledgedMessage() throws Exception {
        long seed = Long.getLong("rowmq.cluster.seed", System.nanoTime());
        Random random = new Random(seed);
        Path dir = Files.createDirectories(Path.of("target", "rowmq-cluster", TestDatabase.unique("galera-loop")))
                .toAbsolutePath();
        System.out.println("Galera crash loop: seed " + seed + ", files in " + dir);
        try (GaleraCluster cluster = GaleraCluster.start(3, 26200);
             RowConnectionFactory factory = new RowConnectionFactory(StoreConfig.url(cluster.failoverUrl(0), "root", "")
                     .withLease(Duration.ofMillis(500), Duration.ofSeconds(15)));
             Connection connection = factory.createConnection()) {
            connection.start();
            for (int trial = 1; trial <= TRIALS; trial++) {
                ClusterLedger ledger = CrashLoopTrial.run(connection, dir.resolve("trial-" + trial), "root", "",
                        cluster.failoverUrl(1), List.of(cluster.failoverUrl(0), cluster.failoverUrl(2)), KILLS, k -> {
                            int victim = random.nextInt(cluster.size());
                            cluster.kill(victim);
                            System.out.println("  killed Galera node " + victim);
                            Thread.sleep(2_000);
                            cluster.restart(victim);
                            System.out.println("  Galera node " + victim + " is back and synced");
                        });
                System.out.println("Galera crash loop trial " + trial + "/" + TRIALS + ": " + ledger.summary());
                ledger.assertExactlyOnce();
            }
        }
    }
}
