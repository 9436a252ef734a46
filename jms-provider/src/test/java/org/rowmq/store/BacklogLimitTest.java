package org.rowmq.store;

import jakarta.jms.ResourceAllocationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.message;

class BacklogLimitTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFullQueueFailsSendsUnderFail(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("full");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.configure(queue, DestinationSettings.DEFAULTS.withMaxMessages(3, DestinationSettings.FullPolicy.FAIL, Duration.ZERO));
            store.send(List.of(message(queue, "1"), message(queue, "2"))).get(30, TimeUnit.SECONDS);
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> store.send(List.of(message(queue, "3"), message(queue, "4"))).get(30, TimeUnit.SECONDS));
            ResourceAllocationException full = assertInstanceOf(ResourceAllocationException.class, e.getCause());
            assertTrue(full.getMessage().contains(queue) && full.getMessage().contains("3"), full.getMessage());
            store.send(List.of(message(queue, "3"))).get(30, TimeUnit.SECONDS);
            assertThrows(ResourceAllocationException.class, () -> store.commit(List.of(message(queue, "4")), List.of()));
            assertEquals(3, store.depth(queue));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aFullQueueBlocksSendsUntilRoomOrTimeout(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("blocking");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.configure(queue, DestinationSettings.DEFAULTS.withMaxMessages(2, DestinationSettings.FullPolicy.BLOCK,
                    Duration.ofSeconds(30)));
            store.send(List.of(message(queue, "1"), message(queue, "2"))).get(30, TimeUnit.SECONDS);

            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> store.send(List.of(message(queue, "3"))).join());
            Thread.sleep(300);
            assertFalse(blocked.isDone(), "the send waits while the queue is full");
            List<StoredMessage> taken = store.claim(queue, 1, null);
            store.acknowledge(Messages.ids(taken)).get(30, TimeUnit.SECONDS);
            blocked.get(30, TimeUnit.SECONDS);
            assertEquals(2, store.depth(queue));

            store.configure(queue, DestinationSettings.DEFAULTS.withMaxMessages(2, DestinationSettings.FullPolicy.BLOCK,
                    Duration.ofMillis(200)));
            assertThrows(ResourceAllocationException.class, () -> store.commit(List.of(message(queue, "4")), List.of()),
                    "no room within the block timeout");
        }
    }
}
