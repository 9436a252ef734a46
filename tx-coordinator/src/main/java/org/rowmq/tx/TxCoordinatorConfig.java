package org.rowmq.tx;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link TxCoordinator} needs to start Narayana: who this process is and where its transaction log lives, plus
 * how eagerly recovery runs. Immutable; built with {@link #builder(String, Path)} and validated once by
 * {@link Builder#build()}, so a mistake is reported at start with the setting to change.
 *
 * <table>
 * <caption>Settings and defaults</caption>
 * <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 * <tr><td>nodeIdentifier</td><td>(required)</td><td>stable across restarts of this process identity, unique among
 * JVMs sharing resource managers; at most 28 bytes in UTF-8 (it is written into every Xid)</td></tr>
 * <tr><td>objectStoreDirectory</td><td>(required)</td><td>the transaction log; must survive a crash</td></tr>
 * <tr><td>recoveryPeriod</td><td>120 s</td><td>time between periodic recovery scans (whole seconds)</td></tr>
 * <tr><td>recoveryBackoff</td><td>10 s</td><td>pause between the two passes of one scan (whole seconds)</td></tr>
 * <tr><td>orphanSafetyInterval</td><td>20 s</td><td>how long a prepared branch with no log must have been seen
 * before recovery rolls it back</td></tr>
 * <tr><td>defaultTransactionTimeout</td><td>60 s</td><td>after this the transaction is rolled back (whole
 * seconds)</td></tr>
 * </table>
 */
public record TxCoordinatorConfig(
        String nodeIdentifier,
        Path objectStoreDirectory,
        Duration recoveryPeriod,
        Duration recoveryBackoff,
        Duration orphanSafetyInterval,
        Duration defaultTransactionTimeout) {

    /** Narayana packs the node identifier into a fixed-size field of every Xid it creates. */
    static final int MAX_NODE_IDENTIFIER_BYTES = 28;

    public TxCoordinatorConfig {
        Objects.requireNonNull(nodeIdentifier, "nodeIdentifier");
        Objects.requireNonNull(objectStoreDirectory, "objectStoreDirectory");
        Objects.requireNonNull(recoveryPeriod, "recoveryPeriod");
        Objects.requireNonNull(recoveryBackoff, "recoveryBackoff");
        Objects.requireNonNull(orphanSafetyInterval, "orphanSafetyInterval");
        Objects.requireNonNull(defaultTransactionTimeout, "defaultTransactionTimeout");
        if (nodeIdentifier.isBlank()) {
            throw new IllegalArgumentException("nodeIdentifier must not be blank: give each process identity a stable,"
                    + " unique name such as \"orders-1\"");
        }
        int bytes = nodeIdentifier.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NODE_IDENTIFIER_BYTES) {
            throw new IllegalArgumentException("nodeIdentifier \"" + nodeIdentifier + "\" is " + bytes
                    + " bytes in UTF-8; Narayana allows at most " + MAX_NODE_IDENTIFIER_BYTES);
        }
        objectStoreDirectory = objectStoreDirectory.toAbsolutePath().normalize();
        requireWholeSeconds("recoveryPeriod", recoveryPeriod);
        requireWholeSeconds("recoveryBackoff", recoveryBackoff);
        requireWholeSeconds("defaultTransactionTimeout", defaultTransactionTimeout);
        if (orphanSafetyInterval.isNegative() || orphanSafetyInterval.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("orphanSafetyInterval must be between 0 and "
                    + Integer.MAX_VALUE + " ms, was " + orphanSafetyInterval);
        }
    }

    /** Narayana counts these settings in whole seconds; rounding silently would change what the user asked for. */
    private static void requireWholeSeconds(String name, Duration value) {
        if (value.compareTo(Duration.ofSeconds(1)) < 0 || value.getNano() != 0 || value.getSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a whole number of seconds, at least 1 s"
                    + " (Narayana counts it in seconds), was " + value);
        }
    }

    public static Builder builder(String nodeIdentifier, Path objectStoreDirectory) {
        return new Builder(nodeIdentifier, objectStoreDirectory);
    }

    /** Starts from the defaults in the class comment. */
    public static final class Builder {
        private final String nodeIdentifier;
        private final Path objectStoreDirectory;
        private Duration recoveryPeriod = Duration.ofSeconds(120);
        private Duration recoveryBackoff = Duration.ofSeconds(10);
        private Duration orphanSafetyInterval = Duration.ofSeconds(20);
        private Duration defaultTransactionTimeout = Duration.ofSeconds(60);

        private Builder(String nodeIdentifier, Path objectStoreDirectory) {
            this.nodeIdentifier = nodeIdentifier;
            this.objectStoreDirectory = objectStoreDirectory;
        }

        public Builder recoveryPeriod(Duration value) {
            recoveryPeriod = value;
            return this;
        }

        public Builder recoveryBackoff(Duration value) {
            recoveryBackoff = value;
            return this;
        }

        public Builder orphanSafetyInterval(Duration value) {
            orphanSafetyInterval = value;
            return this;
        }

        public Builder defaultTransactionTimeout(Duration value) {
            defaultTransactionTimeout = value;
            return this;
        }

        public TxCoordinatorConfig build() {
            return new TxCoordinatorConfig(nodeIdentifier, objectStoreDirectory, recoveryPeriod, recoveryBackoff,
                    orphanSafetyInterval, defaultTransactionTimeout);
        }
    }
}
