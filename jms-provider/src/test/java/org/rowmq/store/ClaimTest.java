package org.rowmq.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.bodies;
import static org.rowmq.store.Messages.message;

class ClaimTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFilteredClaimLooksPastNonMatchingRows(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("selector");
        try (OpenStore store = OpenStore.open(db.config())) {
            List<OutgoingMessage> batch = new ArrayList<>();
            for (int i = 0; i < 450; i++) batch.add(message(queue, "other-" + i));
            batch.add(message(queue, "match-1"));
            for (int i = 0; i < 30; i++) batch.add(message(queue, "other-late-" + i));
            batch.add(message(queue, "match-2"));
            batch.add(message(queue, "match-3"));
            store.send(batch).get(30, TimeUnit.SECONDS);

            List<StoredMessage> first = store.claim(queue, 2, (m, complete) -> Messages.body(m).startsWith("match"));
            assertEquals(List.of("match-1", "match-2"), bodies(first));
            assertEquals(List.of("match-3"), bodies(store.claim(queue, 5, (m, complete) -> Messages.body(m).startsWith("match"))));
            assertTrue(store.claim(queue, 5, (m, complete) -> Messages.body(m).startsWith("match")).isEmpty());
            List<StoredMessage> rest = store.claim(queue, 1, null);
            assertEquals(List.of("other-0"), bodies(rest), "non-matching rows stay ready, in order, for others");
        }
    }

    /**
     * A filtered claim looks past a bounded number of rows per call, and the next call resumes where it stopped: a
     * match behind more non-matching rows than one call reads is still reached (it was never reached before).
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aMatchBehindALongRunOfNonMatchingRowsIsReached(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("far-match");
        ClaimFilter matchOnly = (m, complete) -> Messages.body(m).startsWith("match");
        try (OpenStore store = OpenStore.open(db.config())) {
            List<OutgoingMessage> batch = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) batch.add(message(queue, "other-" + i));
            batch.add(message(queue, "match-far"));
            store.send(batch).get(60, TimeUnit.SECONDS);

            List<String> found = new ArrayList<>();
            BrowsePosition resume = null;
            for (int call = 0; call < 5 && found.isEmpty(); call++) {
                Claimed claimed = store.claim(queue, 10, matchOnly, resume);
                found.addAll(bodies(claimed.messages()));
                resume = claimed.resume();
            }
            assertEquals(List.of("match-far"), found);
        }
    }

    /**
     * A filtered claim reads only the start of each payload for the filter; a row whose start does not decide (the
     * filter answers null) is judged again on its whole payload, and what is claimed comes with its whole payload.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void theFilterSeesTheStartOfEachPayloadAndClaimedRowsComeWhole(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("heads");
        String filler = "x".repeat(3 * Claimer.HEAD_BYTES);
        List<Integer> lengthsSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        ClaimFilter tailDecides = (m, complete) -> {
            lengthsSeen.add(m.payload().length);
            if (!complete) return null;
            return Messages.body(m).endsWith("match");
        };
        try (OpenStore store = OpenStore.open(db.config())) {
            store.send(List.of(message(queue, filler + "other"), message(queue, filler + "match"),
                    message(queue, "short match"))).get(30, TimeUnit.SECONDS);
            List<StoredMessage> claimed = store.claim(queue, 5, tailDecides);
            assertEquals(List.of(filler + "match", "short match"), bodies(claimed), "whole payloads, in delivery order");
            assertTrue(lengthsSeen.contains(Claimer.HEAD_BYTES), "a long payload was first judged on its start: " + lengthsSeen);
            assertEquals(List.of(filler + "other"), bodies(store.claim(queue, 5, null)), "the other stays ready, whole");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void competingClaimersNeverGetTheSameRow(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("compete");
        int total = 1_000;
        try (OpenStore one = OpenStore.open(db.config()); OpenStore two = OpenStore.open(db.config().withPoolSize(6))) {
            List<OutgoingMessage> batch = new ArrayList<>();
            for (int i = 0; i < total; i++) batch.add(message(queue, "m" + i));
            one.send(batch).get(60, TimeUnit.SECONDS);

            Map<Long, Integer> claims = new ConcurrentHashMap<>();
            AtomicInteger claimed = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                MessageStore store = t % 2 == 0 ? one : two;
                boolean filtered = t % 4 == 3;
                workers.add(pool.submit(() -> {
                    int emptyInARow = 0;
                    while (claimed.get() < total && emptyInARow < 50) {
                        List<StoredMessage> got = store.claim(queue, 7, filtered ? (m, complete) -> true : null);
                        if (got.isEmpty()) emptyInARow++;
                        else emptyInARow = 0;
                        for (StoredMessage m : got) {
                            claims.merge(m.id(), 1, Integer::sum);
                            claimed.incrementAndGet();
                        }
                        store.acknowledge(Messages.ids(got)).get(30, TimeUnit.SECONDS);
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) w.get(120, TimeUnit.SECONDS);
            pool.shutdown();
            assertEquals(total, claims.size(), "every message claimed");
            assertTrue(claims.values().stream().allMatch(n -> n == 1), "no message claimed twice");
            assertEquals(0, one.depth(queue));
        }
    }
}
