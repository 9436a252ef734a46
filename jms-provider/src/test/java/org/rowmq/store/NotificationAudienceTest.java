package org.rowmq.store;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.rowmq.testsupport.TestDatabase;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.rowmq.store.Messages.message;

/**
 * A node alone on its database sends no arrival notifications from its group commits (nobody would hear them, and on
 * PostgreSQL a notifying commit takes a database-wide lock through its WAL flush); it notifies again as soon as another
 * node starts, and stops once that node has left.
 */
class NotificationAudienceTest {

    @Test
    void aNodeAloneNotifiesNobodyAndNotifiesAgainWhileAnotherNodeListens() throws Exception {
        // A database of its own: PostgreSQL's channels are per database, and another test's node would be heard.
        String name = "rowmq_audience_" + Long.toString(System.nanoTime(), 36);
        try (Connection admin = TestDatabase.postgresql().connect(); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        TestDatabase own = TestDatabase.postgresql().withUrl(TestDatabase.POSTGRESQL_URL.replace("/test", "/" + name));
        String queue = TestDatabase.unique("audience");
        String topic = TestDatabase.unique("audience-topic");
        AtomicInteger sent = new AtomicInteger();
        try (Connection listener = own.connect(); Connection marker = own.connect()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN " + PostgresDialect.CHANNEL);
            }
            try (OpenStore alone = OpenStore.open(own.config(Duration.ofMillis(200), Duration.ofSeconds(2)))) {
                alone.send(List.of(message(queue, "nobody else"))).get(30, TimeUnit.SECONDS);
                sent.incrementAndGet();
                alone.send(List.of(publish(topic))).get(30, TimeUnit.SECONDS);
                assertEquals(List.of(), notificationsFrom(alone.nodeId(), listener, marker),
                        "a node alone on its database notifies nobody, of queue sends nor of publishes");

                try (OpenStore other = OpenStore.open(own.config(Duration.ofHours(1), Duration.ofHours(2)))) {
                    // The other node announced itself when it started listening, before its store opened.
                    List<String> heard = Poll.until(() -> {
                        alone.send(List.of(message(queue, "heard"))).get(30, TimeUnit.SECONDS);
                        sent.incrementAndGet();
                        return notificationsFrom(alone.nodeId(), listener, marker);
                    }, l -> !l.isEmpty(), "the first node never notified the node that started");
                    assertEquals(List.of(alone.nodeId() + "\n" + queue), heard);
                    alone.send(List.of(publish(topic))).get(30, TimeUnit.SECONDS);
                    assertEquals(List.of(alone.nodeId() + "\n" + topic), notificationsFrom(alone.nodeId(), listener, marker),
                            "a publish notifies too while another node listens");
                }
                // The other node's row went with its close: the next heartbeat's look finds the first alone again.
                Poll.until(() -> {
                    alone.send(List.of(message(queue, "alone again"))).get(30, TimeUnit.SECONDS);
                    sent.incrementAndGet();
                    return notificationsFrom(alone.nodeId(), listener, marker);
                }, List::isEmpty, "the first node kept notifying after the other left");
                assertEquals(sent.get(), alone.depth(queue), "every send was stored, notified or not");
            }
        } finally {
            try (Connection admin = TestDatabase.postgresql().connect(); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
        }
    }

    @Test
    void aLookThatStartedBeforeAnotherNodeWasHeardDoesNotDeclareThisNodeAlone() {
        Arrivals arrivals = new Arrivals(StoreMetrics.NONE);
        assertTrue(arrivals.othersListen(), "before any look, others may listen");
        arrivals.othersLooked(false, System.nanoTime());
        assertFalse(arrivals.othersListen());

        long lookStarted = System.nanoTime();
        arrivals.heardFromAnotherNode(); // its row came after the look read the node table
        arrivals.othersLooked(false, lookStarted);
        assertTrue(arrivals.othersListen(), "a node heard after the look started still listens");

        arrivals.othersLooked(false, System.nanoTime());
        assertFalse(arrivals.othersListen(), "a later look that finds nobody decides");
        arrivals.othersLooked(true, System.nanoTime());
        assertTrue(arrivals.othersListen());
    }

    /** A message to a topic nobody subscribes to: it writes no row, but its group still has a notification to send. */
    private static OutgoingMessage publish(String topic) {
        return new OutgoingMessage(topic, 4, true, 0, 0, "news".getBytes(StandardCharsets.UTF_8), true, "publisher", null);
    }

    /**
     * The arrival notifications {@code node} sent before now: a marker notified after them arrives after them (notifications
     * arrive in commit order), so everything before it is all there is.
     */
    private static List<String> notificationsFrom(String node, Connection listener, Connection marker) throws SQLException {
        String end = "marker " + UUID.randomUUID();
        try (PreparedStatement ps = marker.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, PostgresDialect.CHANNEL);
            ps.setString(2, end);
            ps.executeQuery().close();
        }
        List<String> from = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            PGNotification[] got = listener.unwrap(PGConnection.class).getNotifications(500);
            if (got == null) continue;
            for (PGNotification n : got) {
                if (n.getParameter().equals(end)) return from;
                // An arrival names destinations after the node; the node id alone is its announcement at start.
                if (n.getParameter().startsWith(node + "\n")) from.add(n.getParameter());
            }
        }
        fail("the marker notification never arrived");
        return from;
    }
}
