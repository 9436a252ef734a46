package org.rowmq.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.message;

/**
 * The group commit's lanes: writes of one {@link WriteOrder} keep their call order (stored, and completed) while the
 * writes of other orders commit beside them; a write that would wait for a lone commit goes to the lane beside;
 * closing commits what every lane still holds.
 */
class CommitLanesTest {
    private static final int ORDERS = 6;
    private static final int PER_ORDER = 150;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sendsOfOneOrderAreStoredAndCompletedInCallOrderWhileOtherOrdersCommitBeside(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("lanes");
        try (OpenStore store = OpenStore.open(db.config())) {
            List<WriteOrder> orders = orders(store);
            StoreStats before = store.stats();
            List<List<Integer>> completed = new ArrayList<>();
            for (int o = 0; o < ORDERS; o++) completed.add(Collections.synchronizedList(new ArrayList<>()));

            ExecutorService senders = Executors.newFixedThreadPool(ORDERS);
            List<Future<List<CompletableFuture<Void>>>> submitted = new ArrayList<>();
            for (int o = 0; o < ORDERS; o++) {
                int order = o;
                submitted.add(senders.submit(() -> {
                    // Nothing waited for between sends: only the order keeps them in line.
                    List<CompletableFuture<Void>> sends = new ArrayList<>();
                    for (int i = 0; i < PER_ORDER; i++) {
                        int index = i;
                        CompletableFuture<Void> f =
                                store.send(orders.get(order), List.of(message(queue, order + ":" + i)));
                        sends.add(f.whenComplete((ok, failure) -> completed.get(order).add(index)));
                    }
                    return sends;
                }));
            }
            for (Future<List<CompletableFuture<Void>>> s : submitted) {
                for (CompletableFuture<Void> f : s.get(60, TimeUnit.SECONDS)) f.get(60, TimeUnit.SECONDS);
            }
            senders.shutdown();

            List<Integer> inCallOrder = IntStream.range(0, PER_ORDER).boxed().toList();
            for (int o = 0; o < ORDERS; o++) assertEquals(inCallOrder, completed.get(o), "completions of order " + o);
            StoreStats after = store.stats();
            assertEquals(ORDERS * PER_ORDER, after.rows() - before.rows(), "the counters sum every lane's rows");

            Map<Integer, Integer> last = new HashMap<>();
            int received = 0;
            List<StoredMessage> got;
            while (!(got = store.claim(queue, 500, null)).isEmpty()) {
                for (StoredMessage m : got) {
                    String[] parts = Messages.body(m).split(":");
                    int order = Integer.parseInt(parts[0]);
                    int index = Integer.parseInt(parts[1]);
                    assertEquals(last.getOrDefault(order, -1) + 1, index, "stored in call order: order " + order);
                    last.put(order, index);
                    received++;
                }
                store.acknowledge(Messages.ids(got)).get(30, TimeUnit.SECONDS);
            }
            assertEquals(ORDERS * PER_ORDER, received);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anAcknowledgementFollowsTheMarkBeforeIt(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("marks");
        String busy = TestDatabase.unique("busy");
        try (OpenStore store = OpenStore.open(db.config())) {
            List<WriteOrder> orders = orders(store);
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            for (int i = 0; i < PER_ORDER; i++) pending.add(store.send(List.of(message(queue, "m" + i))));
            for (CompletableFuture<Void> f : pending) f.get(30, TimeUnit.SECONDS);
            List<Long> ids = new ArrayList<>();
            List<StoredMessage> got;
            while (!(got = store.claim(queue, 500, null)).isEmpty()) ids.addAll(Messages.ids(got));
            assertEquals(PER_ORDER, ids.size());

            // One order marks and acknowledges without waiting, while other orders send beside it: a mark that
            // came after its acknowledgement would find the row gone and fail.
            WriteOrder consumer = orders.get(0);
            List<CompletableFuture<Void>> marksAndAcks = new ArrayList<>();
            List<CompletableFuture<Void>> traffic = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                marksAndAcks.add(store.markDelivered(consumer, List.of(ids.get(i)), List.of(), List.of()));
                marksAndAcks.add(store.acknowledge(consumer, List.of(ids.get(i))));
                traffic.add(store.send(orders.get(1 + i % (ORDERS - 1)), List.of(message(busy, "b" + i))));
            }
            for (CompletableFuture<Void> f : marksAndAcks) f.get(60, TimeUnit.SECONDS);
            for (CompletableFuture<Void> f : traffic) f.get(60, TimeUnit.SECONDS);
            assertEquals(0, store.depth(queue), "every marked message acknowledged");
            assertEquals(PER_ORDER, store.depth(busy));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void closeCommitsWhatEveryLaneHolds(TestDatabase given) throws Exception {
        TestDatabase db = lockWaiting(given);
        String queue = TestDatabase.unique("closing");
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        try (java.sql.Connection locker = db.connect()) {
            OpenStore store = OpenStore.open(db.config());
            store.send(List.of(message(queue, "locked-1"), message(queue, "locked-2"))).get(30, TimeUnit.SECONDS);
            List<Long> ids = Messages.ids(store.claim(queue, 2, null));
            lock(locker, ids);
            // Each lane held by an acknowledgement of a locked row, its order's sends queued behind it.
            WriteOrder first = store.writeOrder();
            CompletableFuture<Void> firstAcknowledgement = store.acknowledge(first, List.of(ids.get(0)));
            awaitCommitting(store.nodeId(), 1);
            WriteOrder second = store.writeOrder();
            CompletableFuture<Void> secondAcknowledgement = store.acknowledge(second, List.of(ids.get(1)));
            awaitCommitting(store.nodeId(), 2);
            for (int i = 0; i < PER_ORDER; i++) {
                sends.add(store.send(first, List.of(message(queue, "first-" + i))));
                sends.add(store.send(second, List.of(message(queue, "second-" + i))));
            }
            Thread closing = new Thread(store::close);
            closing.start();
            closing.join(200); // closing now: it waits for the lanes
            locker.rollback();
            closing.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(closing.isAlive(), "the store closed");
            firstAcknowledgement.get(0, TimeUnit.SECONDS);
            secondAcknowledgement.get(0, TimeUnit.SECONDS);
        }
        for (CompletableFuture<Void> f : sends) {
            assertTrue(f.isDone() && !f.isCompletedExceptionally(), "committed before the store closed");
        }
        try (OpenStore store = OpenStore.open(db.config())) {
            assertEquals(sends.size(), store.depth(queue));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aWriteCommitsBesideALoneCommitWhileTheWritesOfThatOrderWaitBehindIt(TestDatabase given) throws Exception {
        TestDatabase db = lockWaiting(given);
        String queue = TestDatabase.unique("beside");
        try (OpenStore store = OpenStore.open(db.config()); java.sql.Connection locker = db.connect()) {
            assertTrue(GroupCommitter.lanes(db.config().poolSize()) > 1, "the default pool gives two lanes");
            HeldCommit held = holdALane(store, locker, queue);
            WriteOrder blocked = held.order();
            CompletableFuture<Void> acknowledgement = held.acknowledgement();

            WriteOrder other = store.writeOrder();
            store.send(other, List.of(message(queue, "beside"))).get(30, TimeUnit.SECONDS);
            CompletableFuture<Void> behind = store.send(blocked, List.of(message(queue, "behind")));
            assertFalse(acknowledgement.isDone(), "the first lane is still held by the lock");
            assertEquals(2, store.depth(queue), "the other order's send committed beside the held commit, its own"
                    + " order's send waits behind it");

            locker.rollback();
            acknowledgement.get(30, TimeUnit.SECONDS);
            behind.get(30, TimeUnit.SECONDS);
            assertEquals(2, store.depth(queue));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSendRefusedInsideAGroupCompletesInItsOrdersPlace(TestDatabase given) throws Exception {
        TestDatabase db = lockWaiting(given);
        String queue = TestDatabase.unique("refused");
        try (OpenStore store = OpenStore.open(db.config()); java.sql.Connection locker = db.connect()) {
            HeldCommit held = holdALane(store, locker, queue);
            WriteOrder order = held.order();
            // Queued behind the held commit, these become one group once it ends; the third goes to a temporary
            // queue that does not exist (deleted, as far as the store can tell).
            List<String> completed = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> sends = new ArrayList<>();
            for (String to : List.of(queue, queue, "rowmq.tmp.gone", queue, queue)) {
                int index = sends.size();
                sends.add(store.send(order, List.of(message(to, "m" + index)))
                        .whenComplete((ok, failure) -> completed.add(index + (failure == null ? "" : " refused"))));
            }
            locker.rollback();
            held.acknowledgement().get(30, TimeUnit.SECONDS);
            for (CompletableFuture<Void> f : sends) f.handle((ok, failure) -> null).get(30, TimeUnit.SECONDS);
            assertEquals(List.of("0", "1", "2 refused", "3", "4"), completed, "completed in the order's call order");
            ExecutionException refused = assertThrows(ExecutionException.class, () -> sends.get(2).get());
            assertTrue(refused.getCause() instanceof jakarta.jms.InvalidDestinationException, refused.toString());
            assertEquals(4, store.depth(queue), "the group's other sends were stored");
        }
    }

    /** An order's acknowledgement that a lane is committing while {@code locker} holds its row. */
    private record HeldCommit(WriteOrder order, CompletableFuture<Void> acknowledgement) {
    }

    /** Sends, claims and locks one message, then acknowledges it on a new order: the lane stays in that commit. */
    private static HeldCommit holdALane(OpenStore store, java.sql.Connection locker, String queue) throws Exception {
        store.send(List.of(message(queue, "locked"))).get(30, TimeUnit.SECONDS);
        long id = Messages.ids(store.claim(queue, 1, null)).get(0);
        lock(locker, List.of(id));
        WriteOrder order = store.writeOrder();
        CompletableFuture<Void> acknowledgement = store.acknowledge(order, List.of(id));
        awaitCommitting(store.nodeId(), 1);
        return new HeldCommit(order, acknowledgement);
    }

    /** H2 gives up on a lock after a second by default; a lane must stay blocked while the test looks. */
    private static TestDatabase lockWaiting(TestDatabase db) {
        return db.kind() == TestDatabase.Kind.H2 ? db.withUrl(db.url() + ";LOCK_TIMEOUT=60000") : db;
    }

    /** Locks the rows on {@code locker}'s open transaction, so that a lane writing them waits until it ends. */
    private static void lock(java.sql.Connection locker, List<Long> ids) throws java.sql.SQLException {
        locker.setAutoCommit(false);
        for (long id : ids) {
            try (PreparedStatement lock = locker.prepareStatement("SELECT id FROM rowmq_message WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, id);
                try (ResultSet rs = lock.executeQuery()) {
                    assertTrue(rs.next());
                }
            }
        }
    }

    /**
     * Waits until {@code lanes} of the node's lanes are inside a group's statements or commit. Which lane takes a unit
     * is the router's choice (the first, unless it is committing a lone unit and the other is idle), so the test does
     * not presume it.
     */
    private static void awaitCommitting(String node, int lanes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            int committing = 0;
            for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
                if (!t.getKey().getName().startsWith("rowmq-group-commit-" + node + "-")) continue;
                for (StackTraceElement frame : t.getValue()) {
                    if (frame.getMethodName().equals("writeAndCommit")) {
                        committing++;
                        break;
                    }
                }
            }
            if (committing >= lanes) return;
            Thread.sleep(10);
        }
        throw new AssertionError(lanes + " lane(s) of " + node + " never started a group together");
    }

    private static List<WriteOrder> orders(MessageStore store) {
        List<WriteOrder> orders = new ArrayList<>();
        for (int o = 0; o < ORDERS; o++) orders.add(store.writeOrder());
        return orders;
    }
}
