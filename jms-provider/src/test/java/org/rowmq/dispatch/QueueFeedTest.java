package org.rowmq.dispatch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.store.MessageStore;
import org.rowmq.store.OutgoingMessage;
import org.rowmq.store.SharedStore;
import org.rowmq.store.StoredMessage;
import org.rowmq.store.Stores;
import org.rowmq.testsupport.TestDatabase;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A feed's claim runs outside its monitor, one at a time: while a claim's statement is slow, consumers can still
 * close, put messages back and hand the buffer back, and a second consumer waits for the running claim's batch
 * instead of claiming another. When the buffer runs low the next claim starts ahead, on another thread.
 */
class QueueFeedTest {
    /** The consumer the tests poll as (one is enough: their messages are ungrouped). */
    private static final Object CONSUMER = new Object();


    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    /** The real store, with claims that wait for the test's signal. */
    private record SlowClaims(MessageStore store, CountDownLatch started, CountDownLatch proceed, AtomicInteger claims) {
        static SlowClaims on(MessageStore real) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch proceed = new CountDownLatch(1);
            AtomicInteger claims = new AtomicInteger();
            MessageStore slow = (MessageStore) Proxy.newProxyInstance(MessageStore.class.getClassLoader(),
                    new Class<?>[]{MessageStore.class}, (proxy, method, args) -> {
                        if (method.getName().equals("claim")) {
                            claims.incrementAndGet();
                            started.countDown();
                            assertTrue(proceed.await(60, TimeUnit.SECONDS), "the test never let the claim proceed");
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            return new SlowClaims(slow, started, proceed, claims);
        }

        /** The real store with claims counted and never held back. */
        static SlowClaims counting(MessageStore real) {
            SlowClaims counted = on(real);
            counted.proceed().countDown();
            return counted;
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSlowClaimHoldsNeitherAClosingConsumerNorAnotherConsumer(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("slow-claim");
        try (SharedStore shared = Stores.open(db.config())) {
            MessageStore real = shared.store();
            real.send(List.of(message(queue, "1"), message(queue, "2"))).get(30, TimeUnit.SECONDS);
            SlowClaims slow = SlowClaims.on(real);
            QueueFeed feed = new QueueFeed(slow.store(), queue, null, 10, ForkJoinPool.commonPool());
            feed.addUser();
            feed.addUser();

            CompletableFuture<StoredMessage> first = CompletableFuture.supplyAsync(() -> poll(feed));
            assertTrue(slow.started().await(30, TimeUnit.SECONDS), "the first poll claims");
            CompletableFuture<StoredMessage> second = CompletableFuture.supplyAsync(() -> poll(feed));

            // While the claim's statement runs: another consumer hands the (empty) buffer back, and one leaves.
            CompletableFuture<Void> returned = CompletableFuture.runAsync(() -> {
                try {
                    feed.returnBuffer();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            returned.get(30, TimeUnit.SECONDS);
            assertFalse(feed.removeUser(CONSUMER), "one of two users left; the feed stays");
            assertFalse(first.isDone() || second.isDone(), "both polls wait for the one claim");

            slow.proceed().countDown();
            StoredMessage a = first.get(30, TimeUnit.SECONDS);
            StoredMessage b = second.get(30, TimeUnit.SECONDS);
            assertNotNull(a);
            assertNotNull(b, "the second poll took from the first claim's batch");
            assertEquals(1, slow.claims().get(), "one claim for both polls (single flight)");
            real.acknowledge(List.of(a.id(), b.id())).get(30, TimeUnit.SECONDS);
            assertEquals(0, real.depth(queue));
        }
    }

    /**
     * Consumers woken together by one arrival: the first claims, the others wait for its batch, and one of them claims
     * again after it (the first claim may have started before the arrival). When that second claim found the queue
     * drained, the rest do not claim in turn (each would find nothing); the next arrival is claimed at once.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void consumersWaitingForAClaimThatDrainedTheQueueDoNotClaimAgain(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("drained");
        try (SharedStore shared = Stores.open(db.config())) {
            MessageStore real = shared.store();
            real.send(List.of(message(queue, "1"))).get(30, TimeUnit.SECONDS);
            SlowClaims slow = SlowClaims.on(real);
            QueueFeed feed = new QueueFeed(slow.store(), queue, null, 10, ForkJoinPool.commonPool());
            Object second = new Object();
            Object third = new Object();
            feed.addUser();
            feed.addUser();
            feed.addUser();

            CompletableFuture<StoredMessage> first = CompletableFuture.supplyAsync(() -> poll(feed));
            assertTrue(slow.started().await(30, TimeUnit.SECONDS), "the first poll claims");
            CompletableFuture<StoredMessage> b = pollWaitingForTheClaim(feed, second);
            CompletableFuture<StoredMessage> c = pollWaitingForTheClaim(feed, third);
            slow.proceed().countDown();
            // Whichever consumer reaches the buffer first takes the one message; the other two get nothing.
            List<StoredMessage> got = new java.util.ArrayList<>();
            for (CompletableFuture<StoredMessage> poll : List.of(first, b, c)) {
                StoredMessage m = poll.get(30, TimeUnit.SECONDS);
                if (m != null) got.add(m);
            }
            assertEquals(1, got.size(), "one message for three consumers");
            StoredMessage taken = got.get(0);
            assertEquals(2, slow.claims().get(), "one claim after the first, not one per waiting consumer");

            real.send(List.of(message(queue, "2"))).get(30, TimeUnit.SECONDS);
            StoredMessage next = feed.poll(second, 0, 0);
            assertNotNull(next, "a later poll claims again");
            assertEquals(3, slow.claims().get());
            real.acknowledge(List.of(taken.id(), next.id())).get(30, TimeUnit.SECONDS);
            assertEquals(0, real.depth(queue));
        }
    }

    /** Polls on a thread of its own and returns once that poll waits in the feed for the running claim. */
    private static CompletableFuture<StoredMessage> pollWaitingForTheClaim(QueueFeed feed, Object consumer)
            throws InterruptedException {
        CompletableFuture<StoredMessage> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(feed.poll(consumer, 0, 0));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        t.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (t.getState() != Thread.State.WAITING && !result.isDone()) {
            assertTrue(System.nanoTime() < deadline, "the second poll never reached the feed");
            Thread.sleep(5);
        }
        assertFalse(result.isDone(), "the poll waits for the running claim");
        return result;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aBatchClaimedAfterTheLastUserLeftGoesBackToTheQueue(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("late-batch");
        try (SharedStore shared = Stores.open(db.config())) {
            MessageStore real = shared.store();
            real.send(List.of(message(queue, "1"), message(queue, "2"))).get(30, TimeUnit.SECONDS);
            SlowClaims slow = SlowClaims.on(real);
            QueueFeed feed = new QueueFeed(slow.store(), queue, null, 10, ForkJoinPool.commonPool());
            feed.addUser();
            CompletableFuture<StoredMessage> polling = CompletableFuture.supplyAsync(() -> poll(feed));
            assertTrue(slow.started().await(30, TimeUnit.SECONDS));

            assertTrue(feed.removeUser(CONSUMER), "the last user left while its claim ran");
            feed.close();
            slow.proceed().countDown();
            polling.get(30, TimeUnit.SECONDS);
            // Whatever the poll returned is the closing consumer's to put back; the rest went back to the queue.
            StoredMessage taken = polling.get();
            if (taken != null) feed.putBack(taken);
            assertEquals(2, real.claim(queue, 10, null).size(), "nothing stays in flight in a closed feed");
        }
    }

    private static StoredMessage poll(QueueFeed feed) {
        return poll(feed, CONSUMER);
    }

    private static StoredMessage poll(QueueFeed feed, Object consumer) {
        try {
            return feed.poll(consumer, 0, 0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A poll that leaves the buffer under half a claim starts the next claim on the feed's read-ahead executor; polls
     * keep taking buffered messages while it is pending, and a claim that came back short (the queue drained) starts
     * none. The executor here holds the task until the test runs it, so each step is seen.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aPollLeavingTheBufferUnderHalfAClaimClaimsAhead(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("read-ahead");
        try (SharedStore shared = Stores.open(db.config())) {
            MessageStore real = shared.store();
            List<OutgoingMessage> messages = new ArrayList<>();
            for (int i = 0; i < 25; i++) messages.add(message(queue, Integer.toString(i)));
            real.send(messages).get(30, TimeUnit.SECONDS);
            SlowClaims counted = SlowClaims.counting(real);
            List<Runnable> pending = new ArrayList<>();
            QueueFeed feed = new QueueFeed(counted.store(), queue, null, 10, pending::add);
            feed.addUser();
            List<StoredMessage> got = new ArrayList<>();

            for (int i = 0; i < 5; i++) got.add(poll(feed));
            assertEquals(List.of(), pending, "five of ten still buffered: no claim ahead yet");
            got.add(poll(feed));
            assertEquals(1, pending.size(), "four left: the next claim is under way");
            for (int i = 0; i < 4; i++) got.add(poll(feed));
            assertEquals(1, counted.claims().get(), "the buffered messages were taken without waiting for the claim");

            pending.remove(0).run();
            assertEquals(2, counted.claims().get());
            for (int i = 0; i < 6; i++) got.add(poll(feed));
            assertEquals(1, pending.size(), "the second claim came back full: the third goes ahead too");
            pending.remove(0).run();
            assertEquals(3, counted.claims().get(), "the third claim took the last five");
            while (got.size() < 25) got.add(poll(feed));
            assertEquals(List.of(), pending, "a claim that came back short starts none ahead");
            assertEquals(3, counted.claims().get());

            Set<String> bodies = new HashSet<>();
            long previous = 0;
            for (StoredMessage m : got) {
                assertNotNull(m);
                assertTrue(m.id() > previous, "delivered in the queue's order");
                previous = m.id();
                bodies.add(new String(m.payload(), StandardCharsets.UTF_8));
            }
            assertEquals(25, bodies.size(), "every message once");
            real.acknowledge(got.stream().map(StoredMessage::id).toList()).get(30, TimeUnit.SECONDS);
            assertEquals(0, real.depth(queue));
        }
    }

    /** A prefetch of 1 asks for one message at a time per JVM: each poll claims its own, none ahead. */
    @ParameterizedTest
    @MethodSource("databases")
    void aPrefetchOfOneNeverClaimsAhead(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("no-read-ahead");
        try (SharedStore shared = Stores.open(db.config())) {
            MessageStore real = shared.store();
            real.send(List.of(message(queue, "1"), message(queue, "2"), message(queue, "3"))).get(30, TimeUnit.SECONDS);
            SlowClaims counted = SlowClaims.counting(real);
            List<Runnable> pending = new ArrayList<>();
            QueueFeed feed = new QueueFeed(counted.store(), queue, null, 1, pending::add);
            feed.addUser();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) ids.add(poll(feed).id());
            assertEquals(List.of(), pending);
            assertEquals(3, counted.claims().get());
            real.acknowledge(ids).get(30, TimeUnit.SECONDS);
            assertEquals(0, real.depth(queue));
        }
    }

    private static OutgoingMessage message(String queue, String body) {
        return new OutgoingMessage(queue, 4, true, 0, 0, body.getBytes(StandardCharsets.UTF_8));
    }
}
