package org.rowmq.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class TxCoordinatorConfigTest {

    private static final Path STORE = Path.of("target", "unused-store");

    @Test
    void defaultsAreNarayanasAndTheDirectoryBecomesAbsolute() {
        TxCoordinatorConfig config = TxCoordinatorConfig.builder("node-1", STORE).build();

        assertEquals(Duration.ofSeconds(120), config.recoveryPeriod());
        assertEquals(Duration.ofSeconds(10), config.recoveryBackoff());
        assertEquals(Duration.ofSeconds(20), config.orphanSafetyInterval());
        assertEquals(Duration.ofSeconds(60), config.defaultTransactionTimeout());
        assertTrue(config.objectStoreDirectory().isAbsolute());
    }

    @Test
    void blankNodeIdentifierIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> TxCoordinatorConfig.builder(" ", STORE).build());
        assertTrue(e.getMessage().contains("nodeIdentifier"), e.getMessage());
    }

    @Test
    void nodeIdentifierLongerThanAnXidAllowsIsRejectedWithItsLength() {
        String tooLong = "n".repeat(29);
        var e = assertThrows(IllegalArgumentException.class, () -> TxCoordinatorConfig.builder(tooLong, STORE).build());
        assertTrue(e.getMessage().contains("29 bytes") && e.getMessage().contains("28"), e.getMessage());
    }

    @Test
    void nodeIdentifierIsMeasuredInUtf8Bytes() {
        String fourteenCharsTwentyEightBytes = "é".repeat(14);
        TxCoordinatorConfig.builder(fourteenCharsTwentyEightBytes, STORE).build();
        assertThrows(IllegalArgumentException.class, () -> TxCoordinatorConfig.builder("é".repeat(15), STORE).build());
    }

    @Test
    void subSecondRecoveryPeriodIsRejectedBecauseNarayanaCountsSeconds() {
        var e = assertThrows(IllegalArgumentException.class, () -> TxCoordinatorConfig.builder("n", STORE)
                .recoveryPeriod(Duration.ofMillis(1500)).build());
        assertTrue(e.getMessage().startsWith("recoveryPeriod must be a whole number of seconds"), e.getMessage());
    }

    @Test
    void zeroBackoffAndZeroTimeoutAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TxCoordinatorConfig.builder("n", STORE)
                .recoveryBackoff(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> TxCoordinatorConfig.builder("n", STORE)
                .defaultTransactionTimeout(Duration.ZERO).build());
    }

    @Test
    void negativeOrphanSafetyIntervalIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> TxCoordinatorConfig.builder("n", STORE)
                .orphanSafetyInterval(Duration.ofMillis(-1)).build());
        assertTrue(e.getMessage().contains("orphanSafetyInterval"), e.getMessage());
    }

    @Test
    void missingObjectStoreDirectoryIsNamed() {
        var e = assertThrows(NullPointerException.class, () -> TxCoordinatorConfig.builder("n", null).build());
        assertEquals("objectStoreDirectory", e.getMessage());
    }
}
