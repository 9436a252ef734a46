package org.rowmq.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.bodies;
import static org.rowmq.store.Messages.delayed;
import static org.rowmq.store.Messages.message;

/** Delivery delay and expiry, judged on the database's clock. */
class TimingTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void delayedMessagesBecomeVisibleLater(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("delay");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.send(List.of(delayed(queue, "far", 600_000, 0), delayed(queue, "soon", 300, 0), message(queue, "now")))
                    .get(30, TimeUnit.SECONDS);
            assertEquals(List.of("now"), bodies(store.claim(queue, 10, null)));
            List<StoredMessage> later = Poll.until(() -> store.claim(queue, 10, null), r -> !r.isEmpty(),
                    "the message delayed by 300 ms never became visible");
            assertEquals(List.of("soon"), bodies(later));
            assertEquals(3, store.depth(queue), "the far-delayed message is stored but not visible");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void expiredMessagesAreNotClaimedAndAreCleanedUp(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("expiry");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.send(List.of(delayed(queue, "short", 0, 1), delayed(queue, "long", 0, 600_000))).get(30, TimeUnit.SECONDS);
            Thread.sleep(20);
            assertEquals(List.of("long"), bodies(store.claim(queue, 10, null)));
            Poll.until(() -> store.depth(queue), depth -> depth == 1,
                    "the periodic cleanup never deleted the expired message");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theStoreClockFollowsTheDatabaseClock(TestDatabase db) throws Exception {
        try (OpenStore store = OpenStore.open(db.config()); Connection c = db.connect()) {
            JdbcMessageStore jdbc = store.jdbc();
            DatabaseClock clock = new DatabaseClock(jdbc.dialect());
            clock.sample(c);
            long databaseNow;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(jdbc.dialect().databaseTimeMillis())) {
                rs.next();
                databaseNow = rs.getLong(1);
            }
            long estimate = clock.now();
            assertTrue(Math.abs(estimate - databaseNow) < 5_000,
                    "estimated database time " + estimate + " is far from the database's " + databaseNow);
        }
    }
}
