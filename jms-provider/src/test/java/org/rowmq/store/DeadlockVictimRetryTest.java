package org.rowmq.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A claim the database rolled back as a deadlock victim is claimed again instead of failing the consumer's receive
 * (seen on MariaDB: "Deadlock found when trying to get lock", SQLState 40001, while a listener transaction deleted
 * rows of the same queue). Any other failure, and a victim that keeps losing, still reaches the caller.
 */
class DeadlockVictimRetryTest {

    @Test
    void aDeadlockVictimRunsAgainAndItsResultIsReturned() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        String result = Jdbc.retryingVictims(() -> {
            if (runs.incrementAndGet() < 3) throw new SQLException("Deadlock found when trying to get lock", "40001", 1213);
            return "claimed";
        });
        assertEquals("claimed", result);
        assertEquals(3, runs.get());
    }

    @Test
    void postgresqlsDeadlockStateCountsAsAVictim() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Jdbc.retryingVictims(() -> {
            if (runs.incrementAndGet() == 1) throw new SQLException("deadlock detected", "40P01");
            return null;
        });
        assertEquals(2, runs.get());
    }

    @Test
    void otherFailuresAreNotRunAgain() {
        AtomicInteger runs = new AtomicInteger();
        SQLException broken = new SQLException("connection refused", "08001");
        SQLException thrown = assertThrows(SQLException.class, () -> Jdbc.retryingVictims(() -> {
            runs.incrementAndGet();
            throw broken;
        }));
        assertSame(broken, thrown);
        assertEquals(1, runs.get());
    }

    @Test
    void aVictimThatKeepsLosingFailsAfterTheLastAttempt() {
        AtomicInteger runs = new AtomicInteger();
        assertThrows(SQLException.class, () -> Jdbc.retryingVictims(() -> {
            runs.incrementAndGet();
            throw new SQLException("Deadlock found when trying to get lock", "40001", 1213);
        }));
        assertEquals(Jdbc.VICTIM_ATTEMPTS, runs.get());
    }
}
