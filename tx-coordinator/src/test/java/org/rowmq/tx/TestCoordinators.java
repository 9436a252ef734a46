package org.rowmq.tx;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The one coordinator configuration of a test JVM (Narayana takes its settings once per JVM), with recovery periods
 * short enough that in-doubt work completes within seconds. The crash child uses the same configuration: it is the
 * same node identity, killed and then restarted by the test.
 */
final class TestCoordinators {

    static final String NODE_IDENTIFIER = "rowmq-tx-test";
    static final Path OBJECT_STORE = Path.of("target", "tx-object-store", "run-" + ProcessHandle.current().pid())
            .toAbsolutePath();
    static final TxCoordinatorConfig CONFIG = config(OBJECT_STORE);

    private TestCoordinators() {
    }

    static TxCoordinatorConfig config(Path objectStore) {
        return TxCoordinatorConfig.builder(NODE_IDENTIFIER, objectStore)
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
