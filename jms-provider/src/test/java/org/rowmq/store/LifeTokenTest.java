package org.rowmq.store;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.message;

/**
 * Each node holds a life token in the database (PostgreSQL: an advisory lock on its notification connection; MariaDB:
 * a named lock on a connection of its own). A live node's token is held, so nobody reaps it before its lease; a
 * session that ends frees the token; a node whose token connection merely dropped takes it again, and whether or not
 * another node reaped it in between, every message is consumed exactly once. H2 holds none and keeps the lease.
 */
class LifeTokenTest {

    static Stream<TestDatabase> databases() {
        return Stream.of(TestDatabase.postgresql(), TestDatabase.mariadb());
    }

    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration BEAT = Duration.ofMillis(200);

    @ParameterizedTest
    @MethodSource("databases")
    void aLiveNodesTokenIsHeldSoItsMessagesStayItsOwn(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("token-held");
        try (OpenStore survivor = OpenStore.open(db.config(HOUR, Duration.ofMillis(7_200_011)).withPoolSize(4));
             OpenStore holder = OpenStore.open(db.config(HOUR, Duration.ofMillis(7_200_012)).withPoolSize(4))) {
            assertTrue(lifeTokenColumn(db, holder.nodeId()), "the holder's row says it holds a token");
            assertFalse(tokenFree(db, holder.nodeId()), "a live node's token is held");
            holder.send(List.of(message(queue, "mine"))).get(30, TimeUnit.SECONDS);
            StoredMessage held = holder.claim(queue, 1, null).get(0);
            for (int i = 0; i < 3; i++) {
                assertTrue(survivor.claim(queue, 1, null).isEmpty(), "a live holder's message is not taken");
                Thread.sleep(600); // past the claim path's once-a-second look at the holders' tokens
            }
            survivor.jdbc().reapDeadNodes();
            assertEquals(1, heldBy(db, holder.nodeId(), new long[]{held.id(), held.id()}),
                    "the reaper pass leaves a node whose token is held");
            assertTrue(lifeTokenColumn(db, holder.nodeId()), "and still counts on its token");
            holder.acknowledge(List.of(held.id())).get(30, TimeUnit.SECONDS);
            assertEquals(0, holder.depth(queue));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aDroppedTokenConnectionLosesNothingAndAcknowledgesNothingTwice(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("token-dropped");
        try (OpenStore survivor = OpenStore.open(db.config(HOUR, Duration.ofMillis(7_200_021)).withPoolSize(4));
             OpenStore holder = OpenStore.open(db.config(BEAT, HOUR).withPoolSize(4))) {
            holder.send(List.of(message(queue, "a"), message(queue, "b"))).get(30, TimeUnit.SECONDS);
            List<StoredMessage> held = holder.claim(queue, 2, null);
            assertEquals(2, held.size());
            long[] ids = held.stream().mapToLong(StoredMessage::id).toArray();
            // a was handed to the application, b only prefetched
            holder.markDelivered(List.of(ids[0]), List.of(), List.of()).get(30, TimeUnit.SECONDS);

            endTokenSession(db, holder.nodeId()); // pg_terminate_backend / KILL: the JVM lives on
            // Between the drop and the holder taking its token again, the token is free and the survivor may reap;
            // the holder's reconnect may also win. Both must leave every message consumed exactly once.
            boolean reaped = false;
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (!reaped && System.nanoTime() < deadline) {
                survivor.jdbc().reapDeadNodes();
                reaped = heldBy(db, holder.nodeId(), ids) == 0;
                if (!reaped) Thread.sleep(5);
            }

            if (reaped) {
                var late = assertThrows(ExecutionException.class,
                        () -> holder.acknowledge(List.of(ids[0], ids[1])).get(30, TimeUnit.SECONDS));
                assertTrue(late.getCause() instanceof jakarta.jms.JMSException, "fails as JMSException: " + late.getCause());
                assertTrue(late.getCause().getMessage().contains("no longer held by this node"), late.getCause().getMessage());
                List<StoredMessage> back = Poll.until(() -> survivor.claim(queue, 2, null), r -> r.size() == 2,
                        "the survivor never got the reaped node's messages");
                for (StoredMessage m : back) {
                    assertEquals(m.id() == ids[0] ? 1 : 0, m.deliveryCount(),
                            "the delivered one redelivered with the count raised, the prefetched one untouched: " + back);
                }
                survivor.acknowledge(back.stream().map(StoredMessage::id).toList()).get(30, TimeUnit.SECONDS);
            } else {
                holder.acknowledge(List.of(ids[0], ids[1])).get(30, TimeUnit.SECONDS);
                assertTrue(survivor.claim(queue, 2, null).isEmpty());
            }
            assertEquals(0, survivor.depth(queue), "each message consumed once");

            Poll.until(() -> !tokenFree(db, holder.nodeId()) && lifeTokenColumn(db, holder.nodeId()), ok -> ok,
                    "the holder never took its token again");
            holder.send(List.of(message(queue, "after"))).get(30, TimeUnit.SECONDS);
            StoredMessage after = holder.claim(queue, 1, null).get(0);
            holder.acknowledge(List.of(after.id())).get(30, TimeUnit.SECONDS);
            assertEquals(0, holder.depth(queue), "the holder works on after its connection came back");
            System.out.println("token connection dropped on " + db + ": " + (reaped
                    ? "reaped before the holder took its token again; its acknowledgement failed, the survivor consumed"
                    : "the holder took its token again first; its acknowledgement succeeded"));
        }
    }

    /**
     * MariaDB only: there the holder takes its token again on its next heartbeat, which is an hour away here, so its
     * token stays free (on PostgreSQL the notification connection reconnects within a fraction of a second). The
     * survivor's heartbeat is an hour away too: only its empty claims can bring the messages back.
     */
    @Test
    void anEmptyClaimReapsAHolderWhoseTokenIsFree() throws Exception {
        TestDatabase db = TestDatabase.mariadb();
        String queue = TestDatabase.unique("token-claim");
        try (OpenStore survivor = OpenStore.open(db.config(HOUR, Duration.ofMillis(7_200_031)).withPoolSize(4));
             OpenStore holder = OpenStore.open(db.config(HOUR, Duration.ofMillis(7_200_032)).withPoolSize(4))) {
            holder.send(List.of(message(queue, "held"))).get(30, TimeUnit.SECONDS);
            StoredMessage held = holder.claim(queue, 1, null).get(0);
            holder.markDelivered(List.of(held.id()), List.of(), List.of()).get(30, TimeUnit.SECONDS);
            endTokenSession(db, holder.nodeId());
            List<StoredMessage> back = Poll.until(() -> survivor.claim(queue, 1, null), r -> r.size() == 1,
                    "an empty claim never reaped the holder whose token was free");
            assertEquals(held.id(), back.get(0).id());
            assertEquals(1, back.get(0).deliveryCount(), "redelivered with the count raised");
            assertFalse(lifeTokenColumn(db, holder.nodeId()), "the reaped holder is left to its lease until it takes its token again");
            survivor.acknowledge(List.of(back.get(0).id())).get(30, TimeUnit.SECONDS);
            assertThrows(ExecutionException.class, () -> holder.acknowledge(List.of(held.id())).get(30, TimeUnit.SECONDS));
            assertEquals(0, survivor.depth(queue));
        }
    }

    /**
     * The same through the JMS API: a holder's token session ends (pg_terminate_backend / KILL) while its JVM lives on
     * with a message received and not yet acknowledged. On MariaDB the holder takes its token again only at its next
     * heartbeat, an hour away here, so the survivor always reaps it: the reaped holder's acknowledgement fails with a
     * JMSException saying why, its session recovers, and the survivor gets the message flagged redelivered (it had
     * been delivered). On PostgreSQL the notification connection, and the token with it, usually comes back before
     * anyone looks, and then the holder's acknowledgement succeeds and the survivor gets nothing. Either way the
     * message is consumed once.
     */
    @ParameterizedTest
    @MethodSource("databases")
    void aDroppedTokenSessionThroughTheJmsApiConsumesEachMessageOnce(TestDatabase db) throws Exception {
        try (RowConnectionFactory survivorFactory = new RowConnectionFactory(db.config(HOUR, Duration.ofMillis(7_200_041)));
             RowConnectionFactory holderFactory = new RowConnectionFactory(db.config(HOUR, Duration.ofMillis(7_200_042)));
             jakarta.jms.Connection survivor = survivorFactory.createConnection();
             jakarta.jms.Connection holder = holderFactory.createConnection()) {
            Session holderSession = holder.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Queue queue = holderSession.createQueue(TestDatabase.unique("token-session"));
            holderSession.createProducer(queue).send(holderSession.createTextMessage("once"));
            MessageConsumer holderConsumer = holderSession.createConsumer(queue);
            holder.start();
            Message held = holderConsumer.receive(10_000);
            assertEquals("once", ((TextMessage) held).getText());

            endTokenSession(db, holderFactory.store().nodeId());
            Session survivorSession = survivor.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer survivorConsumer = survivorSession.createConsumer(queue);
            survivor.start();
            // Long enough for several of the survivor's once-a-second looks at the holder's token.
            Message again = survivorConsumer.receive(db.kind() == TestDatabase.Kind.MARIADB ? 20_000 : 5_000);
            if (db.kind() == TestDatabase.Kind.MARIADB) assertNotNull(again, "the survivor reaped the holder on MariaDB");
            if (again != null) {
                assertEquals("once", ((TextMessage) again).getText(), "the survivor got the reaped holder's message");
                assertTrue(again.getJMSRedelivered(), "it had been delivered to the holder");
                JMSException late = assertThrows(JMSException.class, held::acknowledge);
                assertTrue(late.getMessage().contains("no longer held by this node"), late.getMessage());
                holderSession.recover();
                again.acknowledge();
                assertNull(holderConsumer.receive(500), "consumed once, by the survivor");
            } else {
                held.acknowledge();
                assertNull(survivorConsumer.receive(500), "consumed once, by the holder");
            }
            assertEquals(0, survivorFactory.store().depth(queue.getQueueName()));
            System.out.println("token session ended through the JMS API on " + db + ": " + (again != null
                    ? "the survivor reaped the holder and consumed the message; the holder's acknowledgement failed"
                    : "the holder took its token again first and consumed the message"));
        }
    }

    @Test
    void h2NodesHoldNoTokenAndKeepTheLease() throws Exception {
        TestDatabase db = TestDatabase.h2(LifeTokenTest.class);
        try (OpenStore store = OpenStore.open(db.config())) {
            assertFalse(lifeTokenColumn(db, store.nodeId()), "an H2 node is judged by its lease alone");
        }
    }

    private static boolean lifeTokenColumn(TestDatabase db, String node) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT life_token FROM rowmq_node WHERE id = ?")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        }
    }

    /** How many of the rows are in flight for the node. */
    private static int heldBy(TestDatabase db, String node, long[] ids) throws Exception {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM rowmq_message WHERE owner_node = ? AND state = 1 AND id IN (?, ?)")) {
            ps.setString(1, node);
            ps.setLong(2, ids[0]);
            ps.setLong(3, ids[1]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Whether the token is free, tested the way the nodes test it. */
    private static boolean tokenFree(TestDatabase db, String node) throws Exception {
        try (Connection c = db.connect()) {
            return Dialect.of(c.getMetaData()).lifeTokenFree(c, node);
        }
    }

    /** Ends the database session holding the node's token, as a network failure or an operator would. */
    private static void endTokenSession(TestDatabase db, String node) throws Exception {
        try (Connection c = db.connect()) {
            if (db.kind() == TestDatabase.Kind.POSTGRESQL) {
                // The token's lock: two-key form, first key "RowM", second the node id's String.hashCode.
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks"
                        + " WHERE locktype = 'advisory' AND objsubid = 2 AND classid::bigint = ? AND objid::bigint = ?")) {
                    ps.setLong(1, 0x526f774dL);
                    ps.setLong(2, node.hashCode() & 0xffffffffL);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next() && rs.getBoolean(1), "terminated the session holding " + node + "'s token");
                    }
                }
            } else {
                long connectionId;
                try (PreparedStatement ps = c.prepareStatement("SELECT IS_USED_LOCK(?)")) {
                    ps.setString(1, "rowmq.node." + node);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertTrue(rs.next() && rs.getObject(1) != null, "some session holds " + node + "'s token");
                        connectionId = rs.getLong(1);
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("KILL CONNECTION " + connectionId); // a number read from the server, not text
                }
            }
        }
    }
}
