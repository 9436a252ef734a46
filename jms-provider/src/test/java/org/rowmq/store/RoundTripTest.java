package org.rowmq.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.bodies;
import static org.rowmq.store.Messages.ids;
import static org.rowmq.store.Messages.message;

class RoundTripTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void sentMessagesAreClaimedAndAcknowledged(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("orders");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.send(List.of(message(queue, "a"), message(queue, "b"))).get(30, TimeUnit.SECONDS);
            store.send(List.of(message(queue, "c"))).get(30, TimeUnit.SECONDS);
            assertEquals(3, store.depth(queue));

            List<StoredMessage> first = store.claim(queue, 2, null);
            assertEquals(List.of("a", "b"), bodies(first));
            assertEquals(0, first.get(0).deliveryCount());
            assertEquals(queue, first.get(0).destination());
            assertNull(first.get(0).originalDestination());
            List<StoredMessage> second = store.claim(queue, 10, null);
            assertEquals(List.of("c"), bodies(second));
            assertTrue(store.claim(queue, 10, null).isEmpty(), "in-flight rows are not claimed again");

            store.acknowledge(ids(first)).get(30, TimeUnit.SECONDS);
            assertEquals(1, store.depth(queue));
            store.acknowledge(ids(second)).get(30, TimeUnit.SECONDS);
            assertEquals(0, store.depth(queue));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void higherPriorityFirstThenFifo(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("prio");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.send(List.of(message(queue, 4, "p4-1"), message(queue, 9, "p9-1"), message(queue, 0, "p0-1"),
                    message(queue, 4, "p4-2"), message(queue, 9, "p9-2"))).get(30, TimeUnit.SECONDS);
            assertEquals(List.of("p9-1", "p9-2", "p4-1", "p4-2", "p0-1"), bodies(store.claim(queue, 10, null)));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void browsePagesInDeliveryOrderWithoutClaiming(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("browse");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.send(List.of(message(queue, 4, "a"), message(queue, 7, "b"), message(queue, 4, "c"),
                    message(queue, 1, "d"))).get(30, TimeUnit.SECONDS);
            List<StoredMessage> page1 = store.browse(queue, null, 2);
            List<StoredMessage> page2 = store.browse(queue, BrowsePosition.after(page1.get(1)), 2);
            List<StoredMessage> page3 = store.browse(queue, BrowsePosition.after(page2.get(1)), 2);
            assertEquals(List.of("b", "a"), bodies(page1));
            assertEquals(List.of("c", "d"), bodies(page2));
            assertTrue(page3.isEmpty());
            assertEquals(4, store.claim(queue, 10, null).size(), "browsing claims nothing");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void releaseReturnsRowsUntouchedOrRedelivered(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("release");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.send(List.of(message(queue, "a"), message(queue, "b"))).get(30, TimeUnit.SECONDS);
            List<StoredMessage> claimed = store.claim(queue, 2, null);
            store.release(List.of(claimed.get(0).id()), false);
            store.release(List.of(claimed.get(1).id()), true);
            List<StoredMessage> again = store.claim(queue, 2, null);
            assertEquals(List.of("a", "b"), bodies(again));
            assertEquals(0, again.get(0).deliveryCount(), "a prefetched row goes back untouched");
            assertEquals(1, again.get(1).deliveryCount(), "a delivered row's count is raised");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void transactedCommitWritesSendsAndAcknowledgementsTogether(TestDatabase db) throws Exception {
        String in = TestDatabase.unique("in");
        String out = TestDatabase.unique("out");
        try (OpenStore store = OpenStore.open(db.config())) {
            store.send(List.of(message(in, "request"))).get(30, TimeUnit.SECONDS);
            List<StoredMessage> claimed = store.claim(in, 1, null);
            store.commit(List.of(message(out, "reply-1"), message(out, "reply-2")), ids(claimed));
            assertEquals(0, store.depth(in));
            assertEquals(List.of("reply-1", "reply-2"), bodies(store.claim(out, 10, null)));
        }
    }
}
