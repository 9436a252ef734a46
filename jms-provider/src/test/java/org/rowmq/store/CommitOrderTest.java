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
 * The group commit's order: writes of one {@link WriteOrder} keep their call order (stored, and completed) among the
 * writes of other orders, an acknowledgement follows the mark made before it, a refused send completes in its order's
 * place, and closing commits what the committer still holds.
 */
class CommitOrderTest {
    private static final int ORDERS = 6;
    private static final int PER_ORDER = 150;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sendsOfOneOrderAreStoredAndCompletedInCallOrderAmongOtherOrders(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("orders");
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
            assertEquals(ORDERS * PER_ORDER, after.rows() - before.rows(), "the counters count every row");

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
    void closeCommitsWhatTheCommitterHolds(TestDatabase given) throws Exception {
        TestDatabase db = lockWaiting(given);
        String queue = TestDatabase.unique("closing");
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        CompletableFuture<Void> acknowledgement;
        try (java.sql.Connection locker = db.connect()) {
            OpenStore store = OpenStore.open(db.config());
            // The committer held by an acknowledgement of a locked row, two orders' sends queued behind it.
            HeldCommit held = holdTheCommitter(store, locker, queue);
            acknowledgement = held.acknowledgement();
            WriteOrder other = store.writeOrder();
            for (int i = 0; i < PER_ORDER; i++) {
                sends.add(store.send(held.order(), List.of(message(queue, "first-" + i))));
                sends.add(store.send(other, List.of(message(queue, "second-" + i))));
            }
            Thread closing = new Thread(store::close);
            closing.start();
            closing.join(200); // closing now: it waits for the committer
            locker.rollback();
            closing.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(closing.isAlive(), "the store closed");
            acknowledgement.get(0, TimeUnit.SECONDS);
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
    void aSendRefusedInsideAGroupCompletesInItsOrdersPlace(TestDatabase given) throws Exception {
        TestDatabase db = lockWaiting(given);
        String queue = TestDatabase.unique("refused");
        try (OpenStore store = OpenStore.open(db.config()); java.sql.Connection locker = db.connect()) {
            HeldCommit held = holdTheCommitter(store, locker, queue);
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

    /** An order's acknowledgement that the committer is writing while {@code locker} holds its row. */
    private record HeldCommit(WriteOrder order, CompletableFuture<Void> acknowledgement) {
    }

    /** Sends, claims and locks one message, then acknowledges it on a new order: the committer stays in that group. */
    private static HeldCommit holdTheCommitter(OpenStore store, java.sql.Connection locker, String queue) throws Exception {
        store.send(List.of(message(queue, "locked"))).get(30, TimeUnit.SECONDS);
        long id = Messages.ids(store.claim(queue, 1, null)).get(0);
        lock(locker, List.of(id));
        WriteOrder order = store.writeOrder();
        CompletableFuture<Void> acknowledgement = store.acknowledge(order, List.of(id));
        awaitCommitting(store.nodeId());
        return new HeldCommit(order, acknowledgement);
    }

    /** H2 gives up on a lock after a second by default; the committer must stay blocked while the test looks. */
    private static TestDatabase lockWaiting(TestDatabase db) {
        return db.kind() == TestDatabase.Kind.H2 ? db.withUrl(db.url() + ";LOCK_TIMEOUT=60000") : db;
    }

    /** Locks the rows on {@code locker}'s open transaction, so that the committer writing them waits until it ends. */
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

    /** Waits until the node's group commit is inside a group's statements or commit. */
    private static void awaitCommitting(String node) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (Map.Entry<Thread, StackTraceElement[]> t : Thread.getAllStackTraces().entrySet()) {
                if (!t.getKey().getName().equals("rowmq-group-commit-" + node)) continue;
                for (StackTraceElement frame : t.getValue()) {
                    if (frame.getMethodName().equals("writeAndCommit")) return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the group commit of " + node + " never started a group");
    }

    private static List<WriteOrder> orders(MessageStore store) {
        List<WriteOrder> orders = new ArrayList<>();
        for (int o = 0; o < ORDERS; o++) orders.add(store.writeOrder());
        return orders;
    }
}
