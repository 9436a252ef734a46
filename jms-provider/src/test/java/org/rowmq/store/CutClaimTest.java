package org.rowmq.store;

import jakarta.jms.JMSException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.bodies;
import static org.rowmq.store.Messages.message;

/**
 * A claim that the database carried out but whose answer was lost with its connection (a server crash, or a PostgreSQL
 * failover after the standby had received the commit) leaves no message in flight under the live node: its rows are
 * returned, untouched, as soon as the node reaches the database again, and delivered. Before, they stayed in flight
 * until the JVM closed.
 */
class CutClaimTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theRowsOfAClaimWhoseAnswerWasLostAreDeliveredByTheNextClaim(TestDatabase db) throws Exception {
        assertCutClaimReturned(db, null);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theRowsOfAFilteredClaimWhoseAnswerWasLostAreDeliveredByTheNextClaim(TestDatabase db) throws Exception {
        assertCutClaimReturned(db, (m, complete) -> Messages.body(m).startsWith("cut"));
    }

    /**
     * A filtered claim that claimed a match on its first page and then lost every attempt on a later page as a
     * deadlock victim (on Galera, to claimers on other nodes) returns nothing; the match it did claim comes back with
     * the next claim. Before, it stayed in flight under this node until the JVM closed.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aFilteredClaimThatLostALaterPageReturnsTheRowsOfItsEarlierPages(TestDatabase db) throws Exception {
        db.config(); // skips or fails (CI) when the database is unreachable
        String queue = TestDatabase.unique("cut-page");
        ClaimFilter matches = (m, complete) -> Messages.body(m).startsWith("match");
        AtomicBoolean refuseLaterClaims = new AtomicBoolean();
        try (OpenStore store = OpenStore.open(StoreConfig.dataSource(refusingAfterFirstClaim(db, refuseLaterClaims)))) {
            List<OutgoingMessage> batch = new java.util.ArrayList<>();
            batch.add(message(queue, "match-1"));
            for (int i = 0; i < 150; i++) batch.add(message(queue, "other-" + i));
            batch.add(message(queue, "match-2"));
            store.send(batch).get(30, TimeUnit.SECONDS);

            refuseLaterClaims.set(true);
            assertTrue(store.claim(queue, 10, matches).isEmpty(), "the claim lost its second page every time");
            refuseLaterClaims.set(false);

            List<StoredMessage> again = store.claim(queue, 10, matches);
            assertEquals(List.of("match-1", "match-2"), bodies(again), "the first page's match is delivered too");
            assertEquals(0, again.get(0).deliveryCount(), "returned untouched");
        }
    }

    /**
     * Connections on which, while armed, every claim statement after the first fails as a deadlock victim before it
     * runs (the first claim of the arming is let through and commits).
     */
    private static DataSource refusingAfterFirstClaim(TestDatabase db, AtomicBoolean armed) {
        AtomicInteger claims = new AtomicInteger();
        return FaultyConnections.over(db, c -> FaultyConnections.proxy(Connection.class, (m, a) -> {
            Object r = FaultyConnections.pass(c, m, a);
            if (!(m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql
                    && sql.contains("claim_id = ?"))) {
                return r;
            }
            PreparedStatement real = (PreparedStatement) r;
            return FaultyConnections.proxy(PreparedStatement.class, (sm, sa) -> {
                if (sm.getName().startsWith("execute") && armed.get() && claims.incrementAndGet() > 1) {
                    throw FaultyConnections.certificationFailure();
                }
                if (sm.getName().startsWith("execute") && !armed.get()) claims.set(0);
                return FaultyConnections.pass(real, sm, sa);
            });
        }));
    }

    private static void assertCutClaimReturned(TestDatabase db, ClaimFilter filter) throws Exception {
        db.config(); // skips or fails (CI) when the database is unreachable
        String queue = TestDatabase.unique("cut-claim");
        AtomicBoolean loseNextClaim = new AtomicBoolean();
        try (OpenStore store = OpenStore.open(StoreConfig.dataSource(losingClaimAnswers(db, loseNextClaim)))) {
            store.send(List.of(message(queue, "cut-1"), message(queue, "cut-2"), message(queue, "cut-3")))
                    .get(30, TimeUnit.SECONDS);

            loseNextClaim.set(true);
            assertThrows(JMSException.class, () -> store.claim(queue, 10, filter), "the claim's answer was lost");
            assertTrue(!loseNextClaim.get(), "the claim did run and commit");

            List<StoredMessage> again = store.claim(queue, 10, filter);
            assertEquals(List.of("cut-1", "cut-2", "cut-3"), bodies(again), "the cut claim's messages are delivered");
            for (StoredMessage m : again) {
                assertEquals(0, m.deliveryCount(), "returned untouched: no delivery was made of " + Messages.body(m));
            }
            assertTrue(store.claim(queue, 10, filter).isEmpty(), "and each is delivered once");
        }
    }

    /**
     * Connections on which, once armed, the next claim (an UPDATE writing a claim id) commits and then fails as a broken
     * connection does: right after the statement in autocommit, at the commit in a transaction.
     */
    private static DataSource losingClaimAnswers(TestDatabase db, AtomicBoolean armed) {
        return FaultyConnections.over(db, c -> {
            AtomicBoolean claimedInTransaction = new AtomicBoolean();
            return FaultyConnections.proxy(Connection.class, (m, a) -> {
                Object r = FaultyConnections.pass(c, m, a);
                if (m.getName().startsWith("prepare") && a != null && a[0] instanceof String sql
                        && sql.contains("claim_id = ?")) {
                    return claimStatement((PreparedStatement) r, c, claimedInTransaction, armed);
                }
                if (m.getName().equals("commit") && claimedInTransaction.getAndSet(false) && armed.getAndSet(false)) {
                    throw FaultyConnections.lostConnection();
                }
                if (m.getName().equals("rollback")) claimedInTransaction.set(false);
                return r;
            });
        });
    }

    private static PreparedStatement claimStatement(PreparedStatement real, Connection c, AtomicBoolean claimedInTransaction,
                                                    AtomicBoolean armed) {
        return FaultyConnections.proxy(PreparedStatement.class, (m, a) -> {
            Object r = FaultyConnections.pass(real, m, a);
            if (!m.getName().startsWith("execute")) return r;
            if (!c.getAutoCommit()) {
                claimedInTransaction.set(true);
                return r;
            }
            if (!armed.getAndSet(false)) return r;
            if (r instanceof ResultSet rs) {
                while (rs.next()) {
                    // reads the whole answer: the autocommit claim has committed
                }
                rs.close();
            }
            throw FaultyConnections.lostConnection();
        });
    }
}
