package org.rowmq.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.bodies;
import static org.rowmq.store.Messages.message;

/**
 * On InnoDB a committed row can still be locked for an instant (a committing transaction releases its row locks one
 * at a time), and a claimer's own rows stay locked until its claim commits. A claim with SKIP LOCKED alone passes over
 * such a row and takes the rows behind it: one consumer then receives a producer's messages out of order. The claim
 * waits, briefly, for a ready row it passed over ahead of the rows it took, and takes it in its place.
 */
class MariaDbClaimOrderTest {

    private static final Duration HOUR = Duration.ofHours(1);

    /** The head claim (no selector) and the filtered claim (candidates read without locks, then locked by id). */
    static Stream<Arguments> claims() {
        return Stream.of(Arguments.of("head", null), Arguments.of("filtered", (ClaimFilter) (m, complete) -> true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claims")
    void aClaimWaitsForTheCommittedRowsAheadThatWereLockedInsteadOfPassingOverThem(String kind, ClaimFilter filter)
            throws Exception {
        TestDatabase db = TestDatabase.mariadb();
        String queue = TestDatabase.unique("passed-over");
        try (OpenStore store = OpenStore.open(db.config(HOUR, Duration.ofMillis(kind.equals("head") ? 7_200_021 : 7_200_022)).withPoolSize(4));
             Connection locker = db.connect()) {
            List<OutgoingMessage> batch = new ArrayList<>();
            for (int i = 0; i < 5; i++) batch.add(message(queue, "m" + i));
            store.send(batch).get(30, TimeUnit.SECONDS);

            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = locker.prepareStatement(
                    "SELECT id FROM rowmq_message WHERE destination = ? ORDER BY id")) {
                ps.setString(1, queue);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getLong(1));
                }
            }
            assertEquals(5, ids.size());
            // A range of the primary key: a locking read through another index keeps every row it looked at locked.
            locker.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            locker.setAutoCommit(false);
            try (PreparedStatement ps = locker.prepareStatement(
                    "SELECT id FROM rowmq_message WHERE id BETWEEN ? AND ? FOR UPDATE")) {
                ps.setLong(1, ids.get(0));
                ps.setLong(2, ids.get(1));
                ps.executeQuery().close();
            }
            CompletableFuture<List<StoredMessage>> claim = CompletableFuture.supplyAsync(() -> {
                try {
                    return store.claim(queue, 5, filter);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            boolean waited = awaitLockWait(db, claim);
            locker.commit();

            assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), bodies(claim.get(30, TimeUnit.SECONDS)),
                    "the claim takes the head in order, not the rows behind the locked ones");
            assertTrue(waited, "the claim waited for the locked rows ahead");
        }
    }

    /** True once a transaction other than the locker's waits for a row lock; false if the claim ended first. */
    private static boolean awaitLockWait(TestDatabase db, CompletableFuture<?> claim) throws Exception {
        try (Connection watcher = db.connect(); PreparedStatement ps = watcher.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'")) {
            for (int i = 0; i < 100 && !claim.isDone(); i++) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) return true;
                }
                // InnoDB refreshes this table's cache only after 0.1 s without a read of it.
                Thread.sleep(150);
            }
        }
        return false;
    }
}
