package org.rowmq.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.bodies;
import static org.rowmq.store.Messages.message;

/** Redelivery delay, the maximum deliveries and the dead-letter queue. */
class RedeliveryTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theLastAllowedDeliveryMovesTheMessageToItsDeadLetterQueueOnce(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("orders");
        String dlq = TestDatabase.unique("orders.DLQ");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.configure(queue, DestinationSettings.DEFAULTS.withMaxDeliveries(3, dlq));
            store.send(List.of(message(queue, "poison"))).get(30, TimeUnit.SECONDS);
            for (int delivery = 0; delivery < 3; delivery++) {
                List<StoredMessage> got = store.claim(queue, 1, null);
                assertEquals(1, got.size(), "delivery " + (delivery + 1));
                assertEquals(delivery, got.get(0).deliveryCount());
                store.release(Messages.ids(got), true);
            }
            assertTrue(store.claim(queue, 1, null).isEmpty(), "moved away from its queue");

            List<StoredMessage> dead = store.claim(dlq, 1, null);
            assertEquals(List.of("poison"), bodies(dead));
            StoredMessage m = dead.get(0);
            assertEquals(dlq, m.destination());
            assertEquals(queue, m.originalDestination());
            assertEquals(3, m.deliveryCount(), "the count is kept");
            assertEquals("delivery count 3 reached the maximum of 3 deliveries for queue '" + queue + "'", m.deadLetterReason());

            // The dead-letter queue's own settings point at itself: it is not moved again.
            store.configure(dlq, DestinationSettings.DEFAULTS.withMaxDeliveries(1, dlq));
            store.release(Messages.ids(dead), true);
            List<StoredMessage> again = store.claim(dlq, 1, null);
            assertEquals(dlq, again.get(0).destination());
            assertEquals(4, again.get(0).deliveryCount());
            assertEquals(queue, again.get(0).originalDestination());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void redeliveryDelayKeepsADeliveredMessageInvisibleForAWhile(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("delayed-redelivery");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.configure(queue, DestinationSettings.DEFAULTS.withRedeliveryDelay(Duration.ofMinutes(10)));
            assertEquals(Duration.ofMinutes(10), store.settings(queue).redeliveryDelay());
            store.send(List.of(message(queue, "a"), message(queue, "b"))).get(30, TimeUnit.SECONDS);
            List<StoredMessage> got = store.claim(queue, 2, null);
            store.release(List.of(got.get(0).id()), true);
            store.release(List.of(got.get(1).id()), false);
            assertEquals(List.of("b"), bodies(store.claim(queue, 2, null)),
                    "only the prefetched one is back at once; the delivered one waits for its redelivery delay");
            assertEquals(2, store.depth(queue));
        }
    }

    /**
     * Without a redelivery delay a redelivered message is ready at once for every claimer, also one whose clock reads
     * earlier than the redelivering node's (a claim that read its clock just before a reaper's commit): it came back
     * beside its prefetched neighbours, all of them visible in the same claim.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aRedeliveryWithoutDelayIsVisibleToAClaimWhoseClockReadsEarlier(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("no-delay-redelivery");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.send(List.of(message(queue, "a"), message(queue, "b"))).get(30, TimeUnit.SECONDS);
            assertEquals(2, store.claim(queue, 2, null).size(), "both in flight here");
            Dialect dialect;
            try (Connection c = db.connect()) {
                dialect = Dialect.of(c.getMetaData());
            }
            Redelivery redelivery = new Redelivery(dialect, new Destinations(null, dialect), StoreMetrics.NONE);
            try (Connection c = db.connect()) {
                c.setAutoCommit(false);
                List<Redelivery.InFlight> rows = new ArrayList<>(redelivery.lockAllOwned(c, store.nodeId()));
                rows.sort(java.util.Comparator.comparingLong(Redelivery.InFlight::id));
                assertEquals(2, rows.size());
                // The first was delivered, the second only prefetched; the redelivering clock reads a minute ahead.
                List<Redelivery.InFlight> delivered = List.of(rows.get(0));
                redelivery.redeliver(c, delivered, System.currentTimeMillis() + 60_000);
                redelivery.returnUntouched(c, List.of(rows.get(1)));
                c.commit();
            }
            List<StoredMessage> back = store.claim(queue, 2, null);
            assertEquals(List.of("a", "b"), bodies(back), "both back in one claim, in their order");
            assertEquals(1, back.get(0).deliveryCount(), "the delivered one counts its redelivery");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void settingsDefaultUntilConfiguredAndThenAreStored(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("settings");
        try (OpenStore store = OpenStore.open(db.config())) {
            assertEquals(DestinationSettings.DEFAULTS, store.settings(queue));
            DestinationSettings s = DestinationSettings.DEFAULTS
                    .withMaxMessages(5, DestinationSettings.FullPolicy.BLOCK, Duration.ofSeconds(2))
                    .withMaxDeliveries(4, "elsewhere").withRedeliveryDelay(Duration.ofMillis(250));
            store.configure(queue, s);
            store.configure(queue, s);
            assertEquals(s, store.settings(queue));
        }
        try (OpenStore other = OpenStore.open(db.config().withPoolSize(3))) {
            assertEquals(4, other.settings(queue).maxDeliveries(), "settings are in the database, for every JVM");
        }
    }

    /**
     * With a pool of two (one is the group committer's), each release must need no more than the one connection it
     * holds: a redelivery that read the queue's settings on a second connection waited for the pool's timeout.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void concurrentRollbacksOnASmallPoolNeedOneConnectionEach(TestDatabase db) throws Exception {
        List<String> queues = new ArrayList<>();
        for (int i = 0; i < 8; i++) queues.add(TestDatabase.unique("rollback-" + i));
        try (OpenStore store = OpenStore.open(db.config().withPoolSize(2))) {
            List<Callable<Void>> rollbacks = new ArrayList<>();
            for (String queue : queues) {
                store.send(List.of(message(queue, "a"), message(queue, "b"))).get(30, TimeUnit.SECONDS);
                List<Long> held = Messages.ids(store.claim(queue, 2, null));
                assertEquals(2, held.size());
                rollbacks.add(() -> {
                    store.release(held, true);
                    return null;
                });
            }
            Thread.sleep(2_500); // the sends cached the queues' settings: let the cache (2 s) forget them
            ExecutorService threads = Executors.newFixedThreadPool(queues.size());
            try {
                for (Future<Void> f : threads.invokeAll(rollbacks)) f.get();
            } finally {
                threads.shutdownNow();
            }
            for (String queue : queues) {
                List<StoredMessage> again = store.claim(queue, 2, null);
                assertEquals(List.of("a", "b"), bodies(again), "rolled back to ready in " + queue);
                assertTrue(again.stream().allMatch(m -> m.deliveryCount() == 1), "count raised once: " + again);
            }
        }
    }
}
