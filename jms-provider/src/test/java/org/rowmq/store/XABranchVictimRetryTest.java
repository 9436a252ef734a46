package org.rowmq.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.bodies;
import static org.rowmq.store.Messages.ids;
import static org.rowmq.store.Messages.message;

/**
 * An XA branch's prepare, commit and rollback, and a one-phase commit, whose database transaction was refused at
 * commit as a deadlock victim (on Galera, a certification failure: rolled back on every node) run again whole, once,
 * instead of failing with an unknown outcome or an error the transaction manager would have to retry. Before, the
 * refused prepare was reported as OUTCOME_UNKNOWN and the refused commit and rollback as failures.
 */
class XABranchVictimRetryTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRefusedCommitOfABranchTransactionRunsAgainOnce(TestDatabase db) throws Exception {
        db.config(); // skips or fails (CI) when the database is unreachable
        String queue = TestDatabase.unique("xa-victim");
        String out = TestDatabase.unique("xa-victim-out");
        AtomicInteger refusals = new AtomicInteger();
        try (OpenStore store = OpenStore.open(StoreConfig.dataSource(refusingCommits(db, refusals)))) {
            XABranchStore xa = store.xaBranches();
            store.send(List.of(message(queue, "received-1"), message(queue, "received-2"))).get(30, TimeUnit.SECONDS);
            List<StoredMessage> received = store.claim(queue, 2, null);
            assertEquals(List.of("received-1", "received-2"), bodies(received));

            BranchId committed = branch();
            refusals.set(1);
            xa.prepare(committed, List.of(message(out, "sent-in-branch")), List.of(received.get(0).id()));
            assertEquals(0, refusals.get(), "the prepare's first commit was refused");
            assertTrue(xa.isPrepared(committed));
            refusals.set(1);
            assertTrue(xa.commit(committed), "the branch committed on the second run");
            assertEquals(0, refusals.get(), "the commit's first commit was refused");
            assertEquals(List.of("sent-in-branch"), bodies(store.claim(out, 10, null)), "its send stored once");

            BranchId rolledBack = branch();
            xa.prepare(rolledBack, List.of(), List.of(received.get(1).id()));
            refusals.set(1);
            assertTrue(xa.rollback(rolledBack), "the branch rolled back on the second run");
            assertEquals(0, refusals.get(), "the rollback's first commit was refused");
            List<StoredMessage> again = store.claim(queue, 10, null);
            assertEquals(List.of("received-2"), bodies(again), "only the rolled-back receipt comes again");
            assertEquals(1, again.get(0).deliveryCount(), "redelivered once, not once per run");

            refusals.set(1);
            xa.commitOnePhase(List.of(message(out, "one-phase")), ids(again));
            assertEquals(0, refusals.get(), "the one-phase commit's first commit was refused");
            assertEquals(List.of("one-phase"), bodies(store.claim(out, 10, null)), "its send stored once");
            assertTrue(store.claim(queue, 10, null).isEmpty(), "and its receipt deleted");
            assertTrue(xa.prepared().stream().noneMatch(b -> b.equals(committed) || b.equals(rolledBack)));
        }
    }

    private static BranchId branch() {
        return new BranchId(42, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8), new byte[]{7});
    }

    /**
     * Connections whose commits on the test's thread, while {@code refusals} is above zero, are rolled back and fail
     * as a Galera certification failure does; the store's other threads (group commit, housekeeping) are left alone.
     */
    private static DataSource refusingCommits(TestDatabase db, AtomicInteger refusals) {
        Thread test = Thread.currentThread();
        return FaultyConnections.over(db, c -> FaultyConnections.proxy(Connection.class, (m, a) -> {
            if (m.getName().equals("commit") && Thread.currentThread() == test && refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                c.rollback();
                throw FaultyConnections.certificationFailure();
            }
            return FaultyConnections.pass(c, m, a);
        }));
    }
}
