package org.rowmq.store;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.bodies;
import static org.rowmq.store.Messages.message;

class GroupCommitTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void concurrentSendersShareCommitsAndEveryRowIsStoredOnce(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("group");
        int threads = 16;
        int perThread = 100;
        try (OpenStore store = OpenStore.open(db.config())) {
            StoreStats before = store.stats();
            sendConcurrently(store, queue, threads, perThread);
            StoreStats after = store.stats();
            long commits = after.commits() - before.commits();
            long rows = after.rows() - before.rows();
            assertEquals(threads * perThread, rows);
            assertTrue(rows > commits, "several rows per commit: " + rows + " rows in " + commits + " commits");
            long statements = after.statements() - before.statements();
            if (db.kind() == TestDatabase.Kind.POSTGRESQL) {
                assertEquals(commits, statements, "on PostgreSQL each group is one statement that commits itself");
            } else {
                assertTrue(statements >= 2 * commits, "each group commit sends its inserts and its commit: "
                        + statements + " statements in " + commits + " commits");
            }

            Map<String, Integer> seen = new HashMap<>();
            Map<Integer, Integer> lastPerSender = new HashMap<>();
            List<StoredMessage> got;
            while (!(got = store.claim(queue, 500, null)).isEmpty()) {
                for (StoredMessage m : got) {
                    String body = Messages.body(m);
                    seen.merge(body, 1, Integer::sum);
                    String[] parts = body.split(":");
                    int sender = Integer.parseInt(parts[0]);
                    int index = Integer.parseInt(parts[1]);
                    assertTrue(index > lastPerSender.getOrDefault(sender, -1), "per-sender order kept at " + body);
                    lastPerSender.put(sender, index);
                }
                store.acknowledge(Messages.ids(got)).get(30, TimeUnit.SECONDS);
            }
            assertEquals(threads * perThread, seen.size(), "every message present");
            assertTrue(seen.values().stream().allMatch(n -> n == 1), "no message stored twice");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theCommittersTimeIsCountedByPhaseForTheGroupsItCommitted(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("phases");
        int threads = 8;
        int perThread = 50;
        try (OpenStore store = OpenStore.open(db.config())) {
            StoreStats before = store.stats();
            long started = System.nanoTime();
            sendConcurrently(store, queue, threads, perThread);
            StoreStats after = store.stats();
            long elapsed = System.nanoTime() - started;
            long gathering = after.gatheringNanos() - before.gatheringNanos();
            long writing = after.writingNanos() - before.writingNanos();
            long releasing = after.releasingNanos() - before.releasingNanos();
            assertEquals(threads * perThread, after.rows() - before.rows());
            assertTrue(gathering > 0 && writing > 0 && releasing > 0,
                    "each phase counted: " + gathering + " / " + writing + " / " + releasing + " ns");
            // One thread does all three, one group after another: together they fit in the time the sends took.
            assertTrue(gathering + writing + releasing <= elapsed, "phases " + (gathering + writing + releasing)
                    + " ns within the " + elapsed + " ns the sends took");
            List<StoredMessage> got;
            while (!(got = store.claim(queue, 500, null)).isEmpty()) {
                store.acknowledge(Messages.ids(got)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** {@code threads} senders each send {@code perThread} messages "sender:i", one at a time, waiting for each. */
    private static void sendConcurrently(OpenStore store, String queue, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int sender = t;
            senders.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    store.send(List.of(message(queue, sender + ":" + i))).get(30, TimeUnit.SECONDS);
                }
                return null;
            }));
        }
        for (Future<?> f : senders) f.get(120, TimeUnit.SECONDS);
        pool.shutdown();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCommitIsAtomicAndABadUnitFailsAlone(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("atomic");
        String tooLong = "x".repeat(400); // longer than the destination column: the database rejects the row
        try (OpenStore store = OpenStore.open(db.config())) {
            store.send(List.of(message(queue, "consumed"))).get(30, TimeUnit.SECONDS);
            List<Long> claimed = Messages.ids(store.claim(queue, 1, null));

            // Queued together behind one another so that the committer is likely to group them.
            List<CompletableFuture<Void>> good = new ArrayList<>();
            for (int i = 0; i < 20; i++) good.add(store.send(List.of(message(queue, "good-" + i))));
            CompletableFuture<Void> bad = store.send(List.of(message(queue, "with-bad"), message(tooLong, "bad")));
            for (int i = 20; i < 40; i++) good.add(store.send(List.of(message(queue, "good-" + i))));

            ExecutionException failure = assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
            JMSException jms = assertInstanceOf(JMSException.class, failure.getCause());
            assertInstanceOf(SQLException.class, jms.getLinkedException());
            assertSame(jms.getLinkedException(), jms.getCause());
            assertTrue(jms.getMessage().contains(queue), "names the destination: " + jms.getMessage());
            for (CompletableFuture<Void> f : good) f.get(30, TimeUnit.SECONDS);

            JMSException commitFailure = assertThrows(JMSException.class,
                    () -> store.commit(List.of(message(queue, "tx-good"), message(tooLong, "tx-bad")), claimed));
            assertInstanceOf(SQLException.class, commitFailure.getLinkedException());

            List<String> bodies = new ArrayList<>();
            List<StoredMessage> got;
            while (!(got = store.claim(queue, 100, null)).isEmpty()) bodies.addAll(bodies(got));
            assertEquals(40, bodies.stream().filter(b -> b.startsWith("good-")).count(), "the good units committed");
            assertTrue(!bodies.contains("with-bad") && !bodies.contains("tx-good"), "nothing of a failed unit: " + bodies);
            assertEquals(41, store.depth(queue), "the failed commit's acknowledgement did not happen either");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void temporaryQueuesLiveUntilDeleted(TestDatabase db) throws Exception {
        String temporary = MessageWriter.TEMPORARY_PREFIX + TestDatabase.unique("tmp");
        String never = MessageWriter.TEMPORARY_PREFIX + TestDatabase.unique("never-created");
        String queue = TestDatabase.unique("plain");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.createTemporary(temporary);
            store.send(List.of(message(temporary, "reply"))).get(30, TimeUnit.SECONDS);
            assertEquals(List.of("reply"), bodies(store.claim(temporary, 1, null)));
            store.send(List.of(message(temporary, "unread"))).get(30, TimeUnit.SECONDS);

            store.deleteTemporary(temporary);
            assertEquals(0, store.depth(temporary), "its messages went with it");
            CompletableFuture<Void> late = store.send(List.of(message(temporary, "late")));
            CompletableFuture<Void> fine = store.send(List.of(message(queue, "fine")));
            ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(30, TimeUnit.SECONDS));
            assertInstanceOf(InvalidDestinationException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains(temporary));
            fine.get(30, TimeUnit.SECONDS);
            assertThrows(InvalidDestinationException.class, () -> store.commit(List.of(message(never, "x")), List.of()));
            assertThrows(InvalidDestinationException.class, () -> store.createTemporary("not-temporary"));
            assertEquals(1, store.depth(queue));
        }
    }
}
