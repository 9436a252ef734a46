package org.rowmq.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rowmq.store.Messages.message;

class ArrivalTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void consumersInThisJvmAreToldOncePerDestinationAfterTheCommit(TestDatabase db) throws Exception {
        String a = TestDatabase.unique("arrive-a");
        String b = TestDatabase.unique("arrive-b");
        try (OpenStore store = OpenStore.open(db.config())) {
            List<String> told = new CopyOnWriteArrayList<>();
            store.setArrivalListener(told::add);
            store.send(List.of(message(a, "1"), message(b, "2"), message(a, "3"))).get(30, TimeUnit.SECONDS);
            assertEquals(List.of(a, b), told.stream().filter(d -> d.equals(a) || d.equals(b)).toList());
            assertEquals(db.kind() == TestDatabase.Kind.POSTGRESQL, store.notifiesArrivals());
            store.setArrivalListener(null);
        }
    }

    @Test
    void otherJvmsLearnOfArrivalsOnPostgresql() throws Exception {
        TestDatabase db = TestDatabase.postgresql();
        String queue = TestDatabase.unique("notified");
        String announced = TestDatabase.unique("announced");
        try (OpenStore sender = OpenStore.open(db.config()); OpenStore receiver = OpenStore.open(db.config().withPoolSize(3))) {
            Set<String> told = ConcurrentHashMap.newKeySet();
            receiver.setArrivalListener(told::add);
            Set<String> toldSender = ConcurrentHashMap.newKeySet();
            sender.setArrivalListener(toldSender::add);
            // The receiver's listener thread connects asynchronously: keep sending until a notification arrives.
            Poll.until(() -> {
                sender.send(List.of(message(queue, "x"))).get(30, TimeUnit.SECONDS);
                return told.contains(queue);
            }, Boolean::booleanValue, "the other node was never notified of the arrival");
            sender.announce(List.of(announced));
            Poll.until(() -> told.contains(announced), Boolean::booleanValue, "an announcement never reached the other node");
            // PostgreSQL's channel is per database: RowMQ nodes of other schemas (other test runs) may be heard too.
            Set<String> ours = new java.util.HashSet<>(toldSender);
            ours.removeIf(d -> !d.equals(queue) && !d.equals(announced) && !d.startsWith("notified.") && !d.startsWith("announced."));
            assertEquals(Set.of(queue, announced), ours, "the sender told its own JVM directly, once per destination each time");
        }
    }
}
