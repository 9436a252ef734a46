package org.rowmq.cluster;

import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.GaleraCluster;
import org.rowmq.testsupport.TestDatabase;

import java.time.Duration;

/**
 * A plain MariaDB server (no Galera) killed and started again: the restart frees every life token at once, so a JVM
 * that reconnects first must not take that for the death of the others (their messages would be redelivered and their
 * acknowledgements refused). Only tokens taken on the server instance at hand (its start time) are judged. Before,
 * MariaDB recorded no instance and the first JVM back reaped every other.
 */
class MariaDbRestartTest {

    @Test
    void aMessageHeldAcrossARestartStaysItsHoldersWhileAnotherJvmLooksForWork() throws Exception {
        try (GaleraCluster server = GaleraCluster.single(26610);
             RowConnectionFactory holder = new RowConnectionFactory(config(server, HOLDER_HEARTBEAT).withPoolSize(4));
             RowConnectionFactory looker = new RowConnectionFactory(config(server, LOOKER_HEARTBEAT).withPoolSize(5))) {
            HeldAcrossFailure.check(holder, looker, TestDatabase.unique("mariadb.restart.held"), "restart", k -> {
                server.kill(0);
                server.restart(0);
            });
        }
    }

    /**
     * The holder checks its token on its heartbeat, so a long one leaves its token free on the restarted server for
     * seconds, while the looker, on a short one, looks for free tokens: the window in which a token held on the former
     * instance could be mistaken for a death.
     */
    private static final Duration HOLDER_HEARTBEAT = Duration.ofSeconds(20);
    private static final Duration LOOKER_HEARTBEAT = Duration.ofMillis(500);

    /** A lease far longer than the test: only a life token could make a node look dead. */
    private static StoreConfig config(GaleraCluster server, Duration heartbeat) {
        return StoreConfig.url(server.url(0), "root", "").withLease(heartbeat, Duration.ofSeconds(120));
    }
}
