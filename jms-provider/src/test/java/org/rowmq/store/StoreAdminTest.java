package org.rowmq.store;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's changes the store gained for the admin tool: a purge leaves rows a consumer holds, a return from the
 * dead-letter queue resets the delivery count and leaves rows whose origin is gone, browsing tells the states apart,
 * a subscription's last activity and each node's traffic are recorded without a statement per message.
 */
class StoreAdminTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    private static HikariDataSource dataSource(TestDatabase db) {
        db.config(); // skips or fails the test when the database is unreachable
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.url());
        ds.setUsername(db.user());
        if (db.password() != null) ds.setPassword(db.password());
        ds.setMaximumPoolSize(2);
        return ds;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aPurgeDeletesReadyRowsAndLeavesTheOnesAConsumerHolds(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("purged");
        try (OpenStore store = OpenStore.open(db.config()); HikariDataSource ds = dataSource(db)) {
            store.send(List.of(Messages.message(queue, "a"), Messages.message(queue, "b"), Messages.message(queue, "c"))).get();
            List<StoredMessage> held = store.claim(queue, 1, null);
            StoreAdmin admin = StoreAdmin.on(ds);
            long[] ready = admin.readyIds(queue, m -> true);
            assertEquals(2, ready.length);

            long[] all = {ready[0], ready[1], held.get(0).id()};
            List<Long> progress = new ArrayList<>();
            StoreAdmin.Outcome outcome = admin.purge(queue, all, progress::add);
            assertEquals(new StoreAdmin.Outcome(2, 1), outcome);
            assertEquals(List.of(3L), progress);
            assertEquals(1, store.depth(queue), "the claimed message stays with its consumer");
            store.acknowledge(Messages.ids(held)).get();
            assertEquals(0, store.depth(queue));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void returnedDeadLettersStartAfreshAndThoseOfADeletedSubscriptionStay(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("origin");
        String topic = TestDatabase.unique("topic");
        String dlq = TestDatabase.unique("dead");
        try (OpenStore store = OpenStore.open(db.config()); HikariDataSource ds = dataSource(db)) {
            store.configure(queue, DestinationSettings.DEFAULTS.withMaxDeliveries(1, dlq));
            store.configure(topic, DestinationSettings.DEFAULTS.withMaxDeliveries(1, dlq));
            String consumer = "c-" + UUID.randomUUID();
            String name = TestDatabase.unique("sub");
            Subscription sub = store.subscribe(new SubscriptionSpec(topic, name, null, true, false, null, null), consumer);
            store.send(List.of(Messages.message(queue, "q1"), new OutgoingMessage(topic, 4, true, 0, 0,
                    "t1".getBytes(StandardCharsets.UTF_8), true, "publisher", null))).get();
            store.release(Messages.ids(store.claim(queue, 1, null)), true);
            store.release(Messages.ids(store.claim(sub.queue(), 1, null)), true);
            store.unsubscribeConsumer(sub, consumer);
            store.unsubscribe(null, name);
            assertEquals(2, store.depth(dlq));

            StoreAdmin admin = StoreAdmin.on(ds);
            StoreAdmin.Outcome outcome = admin.returnDeadLetters(dlq, admin.readyIds(dlq, m -> true), done -> { });
            assertEquals(new StoreAdmin.Outcome(1, 1), outcome, "the deleted subscription's message stays");
            assertEquals(1, store.depth(dlq));
            List<StoredMessage> back = store.claim(queue, 1, null);
            assertEquals(List.of("q1"), Messages.bodies(back));
            assertEquals(0, back.get(0).deliveryCount(), "counted from zero again");
            assertNull(back.get(0).originalDestination());
            assertNull(back.get(0).deadLetterReason());
            store.acknowledge(Messages.ids(back)).get();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void browsingTellsReadyScheduledAndInFlightApartAndChangesNothing(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("browsed");
        try (OpenStore store = OpenStore.open(db.config()); HikariDataSource ds = dataSource(db)) {
            store.send(List.of(Messages.message(queue, "now"), Messages.message(queue, "held"),
                    Messages.delayed(queue, "later", 3_600_000, 0))).get();
            List<StoredMessage> held = store.claim(queue, 1, null);
            StoreAdmin admin = StoreAdmin.on(ds);
            List<String> seen = new ArrayList<>();
            for (StoreAdmin.MessageRow r : admin.browse(queue, 0, 10, m -> true))
                seen.add(Messages.body(r.message()) + ":" + r.state());
            assertEquals(List.of("now:IN_FLIGHT", "held:READY", "later:SCHEDULED"), seen);
            assertEquals(List.of("held:READY"), admin.browse(queue, 0, 10, m -> Messages.body(m).equals("held")).stream()
                    .map(r -> Messages.body(r.message()) + ":" + r.state()).toList());
            StoreAdmin.DestinationStatus status = admin.destinations().stream().filter(d -> d.name().equals(queue))
                    .findFirst().orElseThrow();
            assertEquals(1, status.ready());
            assertEquals(1, status.inFlight());
            assertEquals(1, status.scheduled());
            assertTrue(status.oldestReadyAgeMillis() >= 0);
            assertEquals(3, store.depth(queue));
            store.acknowledge(Messages.ids(held)).get();
        }
    }
    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSubscriptionsLastActivityIsItsLastAttachDetachOrConsumption(TestDatabase db) throws Exception {
        String topic = TestDatabase.unique("topic");
        String name = TestDatabase.unique("sub");
        long day = 86_400_000L;
        try (OpenStore store = OpenStore.open(db.config()); HikariDataSource ds = dataSource(db)) {
            StoreAdmin admin = StoreAdmin.on(ds);
            String consumer = "c-" + UUID.randomUUID();
            Subscription sub = store.subscribe(new SubscriptionSpec(topic, name, null, true, false, null, null), consumer);
            assertTrue(activityAge(admin, sub) >= 0 && activityAge(admin, sub) < day, "attaching is activity");

            setLastActive(ds, sub, null); // as for a subscription made before RowMQ recorded activity
            assertEquals(-1, activityAge(admin, sub), "nothing recorded");
            setLastActive(ds, sub, admin.now() - 2 * day);
            store.send(List.of(new OutgoingMessage(topic, 4, true, 0, 0, "t1".getBytes(StandardCharsets.UTF_8), true,
                    "publisher", null))).get();
            List<StoredMessage> claimed = store.claim(sub.queue(), 1, null);
            assertEquals(1, claimed.size());
            // The claim only noted the time; housekeeping writes it (now, or its own run every few seconds did).
            store.jdbc().recordSubscriptionActivity();
            assertTrue(activityAge(admin, sub) < day, "the consumption is recorded");
            store.acknowledge(Messages.ids(claimed)).get();

            setLastActive(ds, sub, admin.now() - 2 * day);
            store.unsubscribeConsumer(sub, consumer);
            assertTrue(activityAge(admin, sub) < day, "detaching is activity");
            assertEquals(0, store.jdbc().recordSubscriptionActivity(), "nothing left to write");
            store.unsubscribe(null, name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eachNodePublishesItsSendsAndAcknowledgementsPerDestinationWhenTheyChange(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("counted");
        try (OpenStore store = OpenStore.open(db.config()); HikariDataSource ds = dataSource(db)) {
            StoreAdmin admin = StoreAdmin.on(ds);
            store.send(List.of(Messages.message(queue, "a"), Messages.message(queue, "b"), Messages.message(queue, "c"))).get();
            List<StoredMessage> claimed = store.claim(queue, 2, null);
            store.acknowledge(Messages.ids(claimed)).get();
            store.jdbc().publishTraffic(); // (or housekeeping did, within the second)
            assertEquals(new StoreAdmin.TrafficCount(store.nodeId(), queue, 3, 2), traffic(admin, store, queue));
            assertEquals(0, store.jdbc().publishTraffic(), "nothing changed, nothing written");

            List<StoredMessage> last = store.claim(queue, 1, null);
            store.acknowledge(Messages.ids(last)).get();
            store.jdbc().publishTraffic();
            assertEquals(new StoreAdmin.TrafficCount(store.nodeId(), queue, 3, 3), traffic(admin, store, queue));
        }
    }

    private static StoreAdmin.TrafficCount traffic(StoreAdmin admin, OpenStore store, String queue) throws Exception {
        return admin.traffic().stream().filter(t -> t.node().equals(store.nodeId()) && t.destination().equals(queue))
                .findFirst().orElseThrow();
    }

    private static long activityAge(StoreAdmin admin, Subscription sub) throws Exception {
        return admin.subscriptions().stream().filter(s -> s.id() == sub.id()).findFirst().orElseThrow()
                .lastActivityAgeMillis();
    }

    private static void setLastActive(HikariDataSource ds, Subscription sub, Long at) throws Exception {
        try (var c = ds.getConnection();
             var ps = c.prepareStatement("UPDATE rowmq_subscription SET last_active = ? WHERE id = ?")) {
            if (at == null) ps.setNull(1, java.sql.Types.BIGINT);
            else ps.setLong(1, at);
            ps.setLong(2, sub.id());
            assertEquals(1, ps.executeUpdate());
        }
    }
}
