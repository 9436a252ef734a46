package org.rowmq.store;

import jakarta.jms.ResourceAllocationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
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
import static org.rowmq.store.Messages.bodies;
import static org.rowmq.store.Messages.ids;
import static org.rowmq.store.Messages.message;

/**
 * The store's rules for message groups, each on H2, PostgreSQL and MariaDB. Two nodes are two stores of different
 * configurations (one node per configuration per JVM).
 */
class MessageGroupTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    static OutgoingMessage grouped(String queue, String group, String body) {
        return grouped(queue, group, 4, body, false);
    }

    static OutgoingMessage grouped(String queue, String group, int priority, String body, boolean closes) {
        return new OutgoingMessage(queue, priority, true, 0, 0, body.getBytes(StandardCharsets.UTF_8), false, null,
                null, new MessageGroup(group, closes));
    }

    private static OpenStore node(TestDatabase db, int n) throws Exception {
        return OpenStore.open(db.config().withPoolSize(3 + n));
    }

    private static void ack(OpenStore store, List<StoredMessage> messages) throws Exception {
        store.acknowledge(ids(messages)).get(30, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aClaimTakesOnlyTheHeadOfEachGroupAndTheGroupSticksToItsNode(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("groups");
        try (OpenStore a = node(db, 1); OpenStore b = node(db, 2)) {
            a.send(List.of(grouped(queue, "g1", "g1-1"), grouped(queue, "g2", "g2-1"), message(queue, "plain-1"),
                    grouped(queue, "g1", "g1-2"), grouped(queue, "g2", "g2-2"), message(queue, "plain-2"),
                    grouped(queue, "g1", "g1-3"))).get(30, TimeUnit.SECONDS);

            List<StoredMessage> first = a.claim(queue, 10, null);
            assertEquals(List.of("g1-1", "g2-1", "plain-1", "plain-2"), bodies(first), "one message per group in flight");
            assertEquals(new MessageGroup("g1", false), first.get(0).group());
            assertTrue(b.claim(queue, 10, null).isEmpty(), "the rest of each group waits behind its head in flight");

            ack(a, first);
            assertTrue(b.claim(queue, 10, null).isEmpty(), "the groups stick to the node that took their heads");
            List<StoredMessage> second = a.claim(queue, 10, null);
            assertEquals(List.of("g1-2", "g2-2"), bodies(second));
            ack(a, second);
            assertEquals(List.of("g1-3"), bodies(a.claim(queue, 10, null)));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void priorityDoesNotReorderAGroup(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("group-priority");
        try (OpenStore a = node(db, 1)) {
            a.send(List.of(grouped(queue, "g", 1, "low-first", false), grouped(queue, "g", 9, "high-second", false),
                    message(queue, 0, "plain-low"))).get(30, TimeUnit.SECONDS);
            List<StoredMessage> first = a.claim(queue, 10, null);
            assertEquals(List.of("low-first", "plain-low"), bodies(first), "the group's later message waits, whatever its priority");
            ack(a, first);
            assertEquals(List.of("high-second"), bodies(a.claim(queue, 10, null)));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRolledBackMessageComesBackBeforeTheLaterOnesOfItsGroup(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("group-rollback");
        try (OpenStore a = node(db, 1); OpenStore b = node(db, 2)) {
            a.configure(queue, DestinationSettings.DEFAULTS.withRedeliveryDelay(Duration.ofMillis(300)));
            a.send(List.of(grouped(queue, "g", "one"), grouped(queue, "g", "two"))).get(30, TimeUnit.SECONDS);
            List<StoredMessage> first = a.claim(queue, 10, null);
            assertEquals(List.of("one"), bodies(first));
            a.release(ids(first), true);
            // During its redelivery delay nothing of the group is deliverable, to anyone.
            assertTrue(a.claim(queue, 10, null).isEmpty(), "'two' must not pass 'one' while 'one' waits to be redelivered");
            assertTrue(b.claim(queue, 10, null).isEmpty());
            List<StoredMessage> again = Poll.until(() -> a.claim(queue, 10, null), r -> !r.isEmpty(),
                    "the rolled-back message never came back");
            assertEquals(List.of("one"), bodies(again));
            assertEquals(1, again.get(0).deliveryCount(), "flagged as redelivered");
            ack(a, again);
            assertEquals(List.of("two"), bodies(a.claim(queue, 10, null)));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aMoveToTheDeadLetterQueueLetsTheGroupContinue(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("group-dlq");
        String dlq = TestDatabase.unique("group-dlq.DLQ");
        try (OpenStore a = node(db, 1)) {
            a.configure(queue, DestinationSettings.DEFAULTS.withMaxDeliveries(2, dlq));
            a.send(List.of(grouped(queue, "g", "poison"), grouped(queue, "g", "next"))).get(30, TimeUnit.SECONDS);
            for (int delivery = 0; delivery < 2; delivery++) {
                List<StoredMessage> got = a.claim(queue, 10, null);
                assertEquals(List.of("poison"), bodies(got), "delivery " + (delivery + 1));
                a.release(ids(got), true);
            }
            assertEquals(List.of("next"), bodies(a.claim(queue, 10, null)), "the group continues after the move");
            assertEquals(List.of("poison"), bodies(a.claim(dlq, 10, null)));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aNegativeGroupSequenceClosesTheGroup(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("group-close");
        try (OpenStore a = node(db, 1); OpenStore b = node(db, 2)) {
            a.send(List.of(grouped(queue, "g", "one"), grouped(queue, "g", 4, "last", true),
                    grouped(queue, "g", "new-one"))).get(30, TimeUnit.SECONDS);
            ack(a, a.claim(queue, 10, null));
            assertTrue(b.claim(queue, 10, null).isEmpty(), "open: the group sticks to a");
            List<StoredMessage> last = a.claim(queue, 10, null);
            assertEquals(List.of("last"), bodies(last));
            assertTrue(last.get(0).group().closes());
            assertTrue(b.claim(queue, 10, null).isEmpty(), "the closing message in flight still holds the group back");
            ack(a, last);
            assertEquals(List.of("new-one"), bodies(b.claim(queue, 10, null)), "closed: any node may take the group");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void releasingAQueuesGroupsLetsAnotherNodeContinueThem(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("group-release");
        try (OpenStore a = node(db, 1); OpenStore b = node(db, 2)) {
            a.send(List.of(grouped(queue, "g", "one"), grouped(queue, "g", "two"), grouped(queue, "g", "three")))
                    .get(30, TimeUnit.SECONDS);
            ack(a, a.claim(queue, 10, null));
            List<StoredMessage> held = a.claim(queue, 10, null);
            assertEquals(List.of("two"), bodies(held));
            a.releaseGroups(queue); // a's last consumer of the queue closed, with "two" delivered and not acknowledged
            assertTrue(b.claim(queue, 10, null).isEmpty(), "'two' in flight still holds the group back");
            a.release(ids(held), true); // its session recovers
            // Visible from a's estimate of the database's clock, which may run a millisecond ahead of b's.
            List<StoredMessage> moved = Poll.until(() -> b.claim(queue, 10, null), r -> !r.isEmpty(),
                    "the released head never reached b");
            assertEquals(List.of("two"), bodies(moved), "the group moves on from the first unacknowledged message");
            assertEquals(1, moved.get(0).deliveryCount());
            ack(b, moved);
            assertTrue(a.claim(queue, 10, null).isEmpty(), "now it sticks to b");
            assertEquals(List.of("three"), bodies(b.claim(queue, 10, null)));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDeadNodesGroupsMoveToTheSurvivorInOrder(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("group-reaped");
        try (OpenStore survivor = OpenStore.open(db.config(Duration.ofMillis(200), Duration.ofSeconds(1)))) {
            OpenStore dead = OpenStore.open(db.config(Duration.ofHours(1), Duration.ofHours(2)));
            dead.send(List.of(grouped(queue, "g", "one"), grouped(queue, "g", "two"))).get(30, TimeUnit.SECONDS);
            assertEquals(List.of("one"), bodies(dead.claim(queue, 10, null)));
            assertTrue(survivor.claim(queue, 10, null).isEmpty());
            try (Connection c = db.connect();
                 PreparedStatement ps = c.prepareStatement("UPDATE rowmq_node SET heartbeat = 0 WHERE id = ?")) {
                ps.setString(1, dead.nodeId());
                assertEquals(1, ps.executeUpdate());
            }
            List<StoredMessage> back = Poll.until(() -> survivor.claim(queue, 10, null), r -> !r.isEmpty(),
                    "the survivor never got the dead node's group");
            assertEquals(List.of("one"), bodies(back), "the group continues from its unacknowledged message");
            // Claimed but never marked delivered: the dead node's application never saw it, so no redelivery is counted.
            assertEquals(0, back.get(0).deliveryCount());
            ack(survivor, back);
            assertEquals(List.of("two"), bodies(survivor.claim(queue, 10, null)));
            dead.close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSelectorSeesOnlyTheHeadsOfGroups(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("group-selector");
        ClaimFilter wanted = (m, complete) -> !Messages.body(m).startsWith("skip");
        try (OpenStore a = node(db, 1)) {
            List<OutgoingMessage> batch = new ArrayList<>();
            for (int i = 0; i < 300; i++) batch.add(message(queue, "skip-" + i));
            batch.add(grouped(queue, "g", "one"));
            batch.add(grouped(queue, "g", "two"));
            batch.add(grouped(queue, "h", "skip-h-one"));
            batch.add(grouped(queue, "h", "h-two"));
            a.send(batch).get(30, TimeUnit.SECONDS);
            List<StoredMessage> got = new ArrayList<>();
            BrowsePosition resume = null;
            for (int call = 0; call < 5; call++) {
                Claimed claimed = a.claim(queue, 10, wanted, resume);
                got.addAll(claimed.messages());
                resume = claimed.resume();
            }
            assertEquals(List.of("one"), bodies(got),
                    "'two' waits behind 'one'; 'h-two' waits behind its head, which this selector does not take");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDelayedOrExpiredHeadHoldsItsGroupUntilItIsDeliveredOrDeleted(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("group-time");
        try (OpenStore a = node(db, 1)) {
            a.send(List.of(new OutgoingMessage(queue, 4, true, 0, 1_500, "delayed".getBytes(StandardCharsets.UTF_8),
                            false, null, null, new MessageGroup("d", false)), grouped(queue, "d", "after-delayed"),
                    new OutgoingMessage(queue, 4, true, 100, 0, "expiring".getBytes(StandardCharsets.UTF_8),
                            false, null, null, new MessageGroup("e", false)), grouped(queue, "e", "after-expired")))
                    .get(30, TimeUnit.SECONDS);
            Thread.sleep(400); // setup, not a measurement: "expiring" has outlived its 100 ms when the claims start
            List<StoredMessage> got = new ArrayList<>();
            Poll.until(() -> {
                List<StoredMessage> claimed = a.claim(queue, 10, null);
                got.addAll(claimed);
                ack(a, claimed);
                return got;
            }, g -> g.size() >= 3, "the groups never continued after the delay and the expiry");
            List<String> d = bodies(got).stream().filter(s -> !s.contains("expir")).toList();
            assertEquals(List.of("delayed", "after-delayed"), d, "the delayed head is delivered first");
            assertTrue(bodies(got).contains("after-expired"), "the expired head was deleted and its group went on");
            assertTrue(!bodies(got).contains("expiring"), "the expired head is not delivered");
        }
    }

    /** Claims and acknowledges until the queue gives nothing more, keeping the order of delivery. */
    private static List<String> drain(OpenStore store, String queue) throws Exception {
        List<String> got = new ArrayList<>();
        for (List<StoredMessage> claimed; !(claimed = store.claim(queue, 10, null)).isEmpty(); ) {
            got.addAll(bodies(claimed));
            ack(store, claimed);
        }
        return got;
    }

    private static List<String> ofGroup(List<String> bodies, String group) {
        return bodies.stream().filter(b -> b.startsWith(group + "-")).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theBacklogLimitCountsGroupedMessagesAndAFullQueueRefusesThemUnderFail(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("group-full");
        try (OpenStore a = node(db, 1)) {
            a.configure(queue, DestinationSettings.DEFAULTS.withMaxMessages(3, DestinationSettings.FullPolicy.FAIL, Duration.ZERO));
            a.send(List.of(grouped(queue, "g", "g-1"), grouped(queue, "g", "g-2"), grouped(queue, "h", "h-1")))
                    .get(30, TimeUnit.SECONDS);
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> a.send(List.of(grouped(queue, "g", "g-refused"))).get(30, TimeUnit.SECONDS));
            assertInstanceOf(ResourceAllocationException.class, refused.getCause(), "three grouped messages fill a limit of 3");
            assertThrows(ResourceAllocationException.class, () -> a.commit(List.of(message(queue, "plain-refused")), List.of()),
                    "grouped messages fill the queue for ungrouped ones too");
            assertEquals(3, a.depth(queue));

            // The heads of g and h go in flight, which the limit does not count (as for any message): "g-2", waiting
            // behind its head, is the one ready message left, so two more fit and a third does not.
            List<StoredMessage> heads = a.claim(queue, 10, null);
            assertEquals(List.of("g-1", "h-1"), bodies(heads));
            a.send(List.of(grouped(queue, "g", "g-3"), grouped(queue, "h", "h-2"))).get(30, TimeUnit.SECONDS);
            assertThrows(ResourceAllocationException.class, () -> a.commit(List.of(grouped(queue, "g", "g-refused")), List.of()));

            ack(a, heads);
            List<String> got = new ArrayList<>(bodies(heads));
            got.addAll(drain(a, queue));
            assertEquals(List.of("g-1", "g-2", "g-3"), ofGroup(got, "g"), "each group in order, the refused sends absent");
            assertEquals(List.of("h-1", "h-2"), ofGroup(got, "h"));
            assertEquals(5, got.size(), "nothing lost, nothing twice, nothing refused stored: " + got);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aSendBlockedOnAFullQueueGoesInWhenConsumersMakeRoomAndItsGroupStaysInOrder(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("group-blocking");
        try (OpenStore a = node(db, 1); OpenStore b = node(db, 2)) {
            a.configure(queue, DestinationSettings.DEFAULTS.withMaxMessages(2, DestinationSettings.FullPolicy.BLOCK,
                    Duration.ofSeconds(60)));
            a.send(List.of(grouped(queue, "g", "g-1"), grouped(queue, "g", "g-2"))).get(30, TimeUnit.SECONDS);

            CompletableFuture<Void> blocked = CompletableFuture.runAsync(
                    () -> b.send(List.of(grouped(queue, "g", "g-3"))).join());
            Thread.sleep(300); // a bound on absence, not a measurement
            assertFalse(blocked.isDone(), "the grouped send waits while grouped messages fill the queue");
            List<StoredMessage> head = a.claim(queue, 10, null);
            assertEquals(List.of("g-1"), bodies(head), "one message of the group in flight");
            blocked.get(60, TimeUnit.SECONDS); // the head in flight left room for one
            assertEquals(3, a.depth(queue), "the head in flight and two ready");

            assertTrue(b.claim(queue, 10, null).isEmpty(), "the group sticks to a; the send from b does not move it");
            ack(a, head);
            List<String> got = new ArrayList<>(bodies(head));
            got.addAll(drain(a, queue));
            assertEquals(List.of("g-1", "g-2", "g-3"), got, "the group continues in order, nothing lost or repeated");

            a.configure(queue, DestinationSettings.DEFAULTS.withMaxMessages(2, DestinationSettings.FullPolicy.BLOCK,
                    Duration.ofMillis(200)));
            a.send(List.of(grouped(queue, "g", "g-4"), grouped(queue, "g", "g-5"))).get(30, TimeUnit.SECONDS);
            assertThrows(ResourceAllocationException.class, () -> a.commit(List.of(grouped(queue, "g", "g-refused")), List.of()),
                    "no room within the block timeout");
            assertEquals(List.of("g-4", "g-5"), drain(a, queue));
        }
    }
}
