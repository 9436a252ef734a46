package org.rowmq.tx.rowmq;

import java.nio.file.Path;
import java.time.Duration;

import org.rowmq.tx.TxCoordinator;
import org.rowmq.tx.TxCoordinatorConfig;

/**
 * The coordinator configuration of these tests. Narayana takes its settings once per JVM and the tests of
 * org.rowmq.tx run in the same JVM, so this must equal org.rowmq.tx.TestCoordinators' configuration exactly (same
 * node identifier, object store, periods). The crash child uses it too: it is the same node, killed and restarted.
 */
final class RowmqCoordinators {

    static final Path OBJECT_STORE = Path.of("target", "tx-object-store", "run-" + ProcessHandle.current().pid())
            .toAbsolutePath();
    static final TxCoordinatorConfig CONFIG = config(OBJECT_STORE);

    private RowmqCoordinators() {
    }

    static TxCoordinatorConfig config(Path objectStore) {
        return TxCoordinatorConfig.builder("rowmq-tx-test", objectStore)
                .recoveryPeriod(Duration.ofSeconds(1))
                .recoveryBackoff(Duration.ofSeconds(1))
                .orphanSafetyInterval(Duration.ofSeconds(2))
                .defaultTransactionTimeout(Duration.ofSeconds(60))
                .build();
    }

    static TxCoordinator start() {
        return TxCoordinator.start(CONFIG);
    }
}
