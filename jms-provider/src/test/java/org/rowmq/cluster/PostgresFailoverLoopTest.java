package org.rowmq.cluster;

import jakarta.jms.Connection;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.PostgresFailoverPair;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The PostgreSQL failover loop: a producer JVM and two consumer JVMs (CLIENT_ACKNOWLEDGE) on a multi-host URL with
 * targetServerType=primary; while they run, the primary is killed with SIGKILL, the synchronous standby promoted and
 * a new standby attached, again and again. Judged like the Galera loop ({@link ClusterLedger}): every returned send
 * acknowledged once or still queued, nothing acknowledged delivered again, nothing invented.
 *
 * <p>{@code -Drowmq.cluster.trials=N} runs N trials (1 by default), {@code -Drowmq.cluster.kills=K} fails over K times
 * per trial (1 by default).
 */
class PostgresFailoverLoopTest {
    private static final int TRIALS = Integer.getInteger("rowmq.cluster.trials", 1);
    private static final int KILLS = Integer.getInteger("rowmq.cluster.kills", 1);

    @Test
    void primariesKilledUnderProducersAndConsumersLoseNothingAndDuplicateNoAcknowledgedMessage() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "rowmq-cluster", TestDatabase.unique("pg-loop")))
                .toAbsolutePath();
        System.out.println("PostgreSQL failover loop: files in " + dir);
        try (PostgresFailoverPair pair = PostgresFailoverPair.start(26300);
             RowConnectionFactory factory = new RowConnectionFactory(StoreConfig.url(pair.url(), "postgres", "")
                     .withLease(Duration.ofMillis(500), Duration.ofSeconds(15)));
             Connection connection = factory.createConnection()) {
            connection.start();
            for (int trial = 1; trial <= TRIALS; trial++) {
                ClusterLedger ledger = CrashLoopTrial.run(connection, dir.resolve("trial-" + trial), "postgres", "",
                        pair.url(), List.of(pair.url(), pair.url()), KILLS, k -> {
                            pair.failover();
                            System.out.println("  primary killed, standby promoted, new standby attached");
                        });
                System.out.println("PostgreSQL failover loop trial " + trial + "/" + TRIALS + ": " + ledger.summary());
                ledger.assertExactlyOnce();
            }
        }
    }
}
