package org.rowmq.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.store.BranchId;

import javax.transaction.xa.XAResource;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each rowmq command run in-process against a database that real JMS clients filled, asserting its JSON (or table)
 * output, its exit code and what the database holds afterwards.
 */
class RowMQCommandsTest {

    static Stream<CliDatabase> databases() {
        return CliDatabase.all();
    }

    private static RowConnectionFactory factory(CliDatabase.Fresh db) {
        return new RowConnectionFactory(db.url(), db.user(), db.password());
    }

    /** RowMQ's tables, as the first application to connect creates them. */
    private static Cli cliOnTables(CliDatabase.Fresh db) throws JMSException {
        try (RowConnectionFactory f = factory(db)) {
            f.createConnection().close();
        }
        return new Cli(db);
    }

    private static void send(CliDatabase.Fresh db, String queue, String... texts) throws JMSException {
        try (RowConnectionFactory f = factory(db); Connection c = f.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (String t : texts) {
                TextMessage m = s.createTextMessage(t);
                m.setStringProperty("color", t.startsWith("red") ? "red" : "blue");
                p.send(m);
            }
        }
    }

    /** Receives each message once in a transaction and rolls back: with max-deliveries 1 they go to the DLQ. */
    private static void deadLetter(CliDatabase.Fresh db, String queue, int n) throws JMSException {
        try (RowConnectionFactory f = factory(db); Connection c = f.createConnection()) {
            c.start();
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            for (int i = 0; i < n; i++) assertNotNull(consumer.receive(10_000), "message " + i + " of " + queue);
            s.rollback();
        }
    }

    private static long count(CliDatabase.Fresh db, String destination) throws Exception {
        try (java.sql.Connection c = db.connect(); var ps = c.prepareStatement(
                "SELECT COUNT(*) FROM rowmq_message WHERE destination = ?")) {
            ps.setString(1, destination);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long publishedSends(CliDatabase.Fresh db, String destination) throws Exception {
        try (java.sql.Connection c = db.connect(); var ps = c.prepareStatement(
                "SELECT COALESCE(SUM(sent), 0) FROM rowmq_node_traffic WHERE destination = ?")) {
            ps.setString(1, destination);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) if (value.equals(n.path(field).asText())) return n;
        throw new AssertionError("no entry with " + field + " = " + value + " in " + array);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void destinationsShowsReadyInFlightScheduledAndDeadLettered(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli = new Cli(db);
            send(db, "orders", "a", "b", "c");
            assertEquals(0, cli.run("create", "failing", "--max-deliveries", "1", "--dead-letter-queue", "failing.dead").exit());
            send(db, "failing", "x", "y");
            deadLetter(db, "failing", 2);
            try (RowConnectionFactory f = factory(db); Connection c = f.createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(s.createQueue("orders"));
                p.setDeliveryDelay(3_600_000);
                p.send(s.createTextMessage("later"));
                c.start();
                Session held = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                assertNotNull(held.createConsumer(held.createQueue("orders")).receive(10_000)); // not acknowledged

                Cli.Result r = cli.run("destinations", "--json");
                assertEquals(0, r.exit(), r.toString());
                JsonNode orders = find(r.json(), "destination", "orders");
                // The consumer's prefetch may hold more than the one received: in flight + ready stays 3.
                assertEquals(3, orders.get("ready").asLong() + orders.get("inFlight").asLong(), r.out());
                assertTrue(orders.get("inFlight").asLong() >= 1, r.out());
                assertEquals(1, orders.get("scheduled").asLong(), r.out());
                assertEquals(2, find(r.json(), "destination", "failing").get("deadLettered").asLong(), r.out());
                assertEquals(2, find(r.json(), "destination", "failing.dead").get("ready").asLong(), r.out());
                assertTrue(find(r.json(), "destination", "failing").get("configured").asBoolean());

                Cli.Result table = cli.run("destinations");
                assertTrue(table.out().startsWith("destination"), table.out());
                assertTrue(table.out().contains("failing.dead"), table.out());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void browseShowsMessagesASelectorMatchesAndRefusesAnInvalidSelector(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli = new Cli(db);
            send(db, "q", "red one", "blue one", "red two");
            Cli.Result r = cli.run("browse", "q", "--selector", "color = 'red'", "--json");
            assertEquals(0, r.exit(), r.toString());
            List<String> bodies = new ArrayList<>();
            for (JsonNode m : r.json()) {
                bodies.add(m.get("body").asText());
                assertEquals("red", m.get("properties").get("color").asText());
                assertEquals(0, m.get("deliveryCount").asInt());
                assertEquals("READY", m.get("state").asText());
                assertTrue(m.get("messageId").asText().startsWith("ID:"));
            }
            assertEquals(List.of("red one", "red two"), bodies);

            Cli.Result invalid = cli.run("browse", "q", "--selector", "color = ");
            assertEquals(ExitCodes.USAGE, invalid.exit(), invalid.toString());
            assertTrue(invalid.err().contains("selector"), invalid.err());

            Cli.Result limited = cli.run("browse", "q", "--max", "1");
            assertEquals(0, limited.exit(), limited.toString());
            assertTrue(limited.out().contains("red one") && !limited.out().contains("blue one"), limited.out());

            long blue = -1;
            long redTwo = -1;
            for (JsonNode m : cli.run("browse", "q", "--json").json()) {
                if (m.get("body").asText().equals("blue one")) blue = m.get("id").asLong();
                if (m.get("body").asText().equals("red two")) redTwo = m.get("id").asLong();
            }
            Cli.Result byId = cli.run("browse", "q", "--id", redTwo + "," + blue, "--json");
            assertEquals(0, byId.exit(), byId.toString());
            assertEquals(2, byId.json().size(), byId.out());
            assertEquals("red two", byId.json().get(0).get("body").asText(), "in the order given");
            assertEquals(blue, byId.json().get(1).get("id").asLong());
            Cli.Result missing = cli.run("browse", "q", "--id", blue + ",999999999");
            assertEquals(ExitCodes.NOT_FOUND, missing.exit(), missing.toString());
            assertTrue(missing.err().contains("999999999") && !missing.err().contains("[" + blue), missing.err());
            assertEquals(ExitCodes.NOT_FOUND, cli.run("browse", "other", "--id", Long.toString(blue)).exit(),
                    "an id of another destination is not found here");
            assertEquals(ExitCodes.USAGE, cli.run("browse", "q", "--id", Long.toString(blue), "--selector", "color = 'red'").exit());
            assertEquals(ExitCodes.USAGE, cli.run("browse", "q", "--id", "twelve").exit());
            Cli.Result negativePreview = cli.run("browse", "q", "--preview", "-1");
            assertEquals(ExitCodes.USAGE, negativePreview.exit(), negativePreview.toString());
            assertTrue(negativePreview.err().contains("--preview"), negativePreview.err());
            assertEquals(3, count(db, "q"), "browsing changes nothing");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void purgeNeedsConsentThenDeletesBySelectorOrAll(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli = new Cli(db);
            send(db, "q", "red 1", "blue 1", "red 2", "blue 2");

            Cli.Result unconfirmed = cli.run("purge", "q");
            assertEquals(ExitCodes.REFUSED, unconfirmed.exit(), unconfirmed.toString());
            assertEquals(4, count(db, "q"));
            Cli.Result declined = cli.runTyping("no\n", "purge", "q");
            assertEquals(ExitCodes.REFUSED, declined.exit(), declined.toString());
            assertEquals(4, count(db, "q"));

            Cli.Result bySelector = cli.runTyping("yes\n", "purge", "q", "--selector", "color = 'red'", "--json");
            assertEquals(0, bySelector.exit(), bySelector.toString());
            assertEquals(2, bySelector.json().get("deleted").asLong(), "the question went to stderr: " + bySelector.err());
            assertTrue(bySelector.err().contains("Delete 2 ready messages of 'q' matching color = 'red'?"), bySelector.err());
            Cli.Result left = cli.run("browse", "q", "--json");
            for (JsonNode m : left.json()) assertEquals("blue", m.get("properties").get("color").asText());
            assertEquals(2, left.json().size());

            Cli.Result all = cli.run("purge", "q", "--yes", "--json");
            assertEquals(2, all.json().get("deleted").asLong(), all.toString());
            assertEquals(0, count(db, "q"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void purgeLeavesMessagesALiveConsumerHoldsAndThoseOfPreparedXaBranches(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli = cliOnTables(db);
            send(db, "q", "held by a consumer", "held by a prepared receive", "ready 1", "ready 2");
            // Open until the end: the CLI settles the prepared branches while their application still runs.
            try (RowConnectionFactory consumers = factory(db);
                 RowXAConnectionFactory xa = new RowXAConnectionFactory(db.url(), db.user(), db.password())) {
                consumers.setPrefetch(1); // a consumer claims exactly what it receives
                xa.setPrefetch(1);
                BranchId receive = new BranchId(4711, "receive".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8));
                BranchId publish = new BranchId(4711, "send".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8));
                try (Connection c = consumers.createConnection(); XAConnection x = xa.createXAConnection()) {
                    c.start();
                    Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                    Message held = s.createConsumer(s.createQueue("q")).receive(10_000);
                    assertEquals("held by a consumer", ((TextMessage) held).getText());

                    x.start();
                    XASession xs = x.createXASession();
                    XAResource r = xs.getXAResource();
                    r.start(receive, XAResource.TMNOFLAGS);
                    assertEquals("held by a prepared receive",
                            ((TextMessage) xs.createConsumer(xs.createQueue("q")).receive(10_000)).getText());
                    r.end(receive, XAResource.TMSUCCESS);
                    r.start(publish, XAResource.TMNOFLAGS);
                    xs.createProducer(xs.createQueue("q")).send(xs.createTextMessage("held by a prepared send"));
                    r.end(publish, XAResource.TMSUCCESS);
                    assertEquals(XAResource.XA_OK, r.prepare(receive));
                    assertEquals(XAResource.XA_OK, r.prepare(publish));
                    xs.close();

                    Cli.Result purged = cli.run("purge", "q", "--yes", "--json");
                    assertEquals(0, purged.exit(), purged.toString());
                    assertEquals(2, purged.json().get("deleted").asLong(), purged.out());
                    assertEquals(3, count(db, "q"), "in flight, prepared receive and prepared send are left");
                    List<String> states = new ArrayList<>();
                    for (JsonNode m : cli.run("browse", "q", "--json").json()) states.add(m.get("state").asText());
                    assertEquals(List.of("IN_FLIGHT", "HELD_XA_RECEIVE", "HELD_XA_SEND"), states);

                    held.acknowledge(); // the consumer still owns its message
                    assertEquals(2, count(db, "q"));
                }
                for (JsonNode b : cli.run("xa", "list", "--json").json()) {
                    assertEquals(0, cli.run("xa", "commit", b.get("branch").asText(), "--yes").exit());
                }
                List<String> left = new ArrayList<>();
                for (JsonNode m : cli.run("browse", "q", "--json").json()) left.add(m.get("body").asText() + ":" + m.get("state").asText());
                assertEquals(List.of("held by a prepared send:READY"), left, "both branches completed as prepared");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void moveReturnsDeadLettersToTheirOriginWithTheDeliveryCountReset(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli = cliOnTables(db);
            assertEquals(0, cli.run("create", "a", "--max-deliveries", "1").exit());
            assertEquals(0, cli.run("create", "b", "--max-deliveries", "1").exit());
            send(db, "a", "red a1", "blue a2", "blue a3");
            send(db, "b", "red b1");
            deadLetter(db, "a", 3);
            deadLetter(db, "b", 1);
            assertEquals(4, count(db, "DLQ"));

            JsonNode dead = cli.run("browse", "DLQ", "--json").json();
            long blueA3 = -1;
            for (JsonNode m : dead) {
                assertEquals(1, m.get("deliveryCount").asInt());
                if (m.get("body").asText().equals("blue a3")) blueA3 = m.get("id").asLong();
            }

            Cli.Result missing = cli.run("move", "DLQ", "--id", "999999999", "--yes");
            assertEquals(ExitCodes.NOT_FOUND, missing.exit(), missing.toString());
            assertEquals(4, count(db, "DLQ"));

            Cli.Result byId = cli.run("move", "DLQ", "--id", Long.toString(blueA3), "--yes", "--json");
            assertEquals(1, byId.json().get("moved").asLong(), byId.toString());
            Cli.Result bySelector = cli.run("move", "DLQ", "--selector", "color = 'red'", "--yes", "--json");
            assertEquals(2, bySelector.json().get("moved").asLong(), bySelector.toString());
            assertEquals(1, count(db, "DLQ"));
            assertEquals(2, count(db, "a"));
            assertEquals(1, count(db, "b"));
            for (JsonNode m : cli.run("browse", "a", "--json").json()) {
                assertEquals(0, m.get("deliveryCount").asInt(), "delivery count reset");
                assertTrue(m.get("originalDestination").isNull());
            }
            Cli.Result rest = cli.run("move", "DLQ", "--yes", "--json");
            assertEquals(1, rest.json().get("moved").asLong(), rest.toString());
            assertEquals(0, count(db, "DLQ"));

            // The returned messages are delivered again as first deliveries.
            try (RowConnectionFactory f = factory(db); Connection c = f.createConnection()) {
                c.start();
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageConsumer consumer = s.createConsumer(s.createQueue("b"));
                Message m = consumer.receive(10_000);
                assertEquals("red b1", ((TextMessage) m).getText());
                assertFalse(m.getJMSRedelivered());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void createChangeLimitsAndDeleteDestinations(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli = cliOnTables(db);
            Cli.Result created = cli.run("create", "jobs", "--max-messages", "5", "--when-full", "BLOCK",
                    "--block-timeout", "PT2S", "--json");
            assertEquals(0, created.exit(), created.toString());
            assertEquals(5, created.json().get("maxMessages").asLong());
            assertEquals(2000, created.json().get("blockTimeoutMs").asLong());
            assertEquals(ExitCodes.REFUSED, cli.run("create", "jobs").exit());
            assertEquals(ExitCodes.USAGE, cli.run("create", "rowmq.sub.7").exit());
            assertEquals(ExitCodes.USAGE, cli.run("create", "bad name").exit());
            assertEquals(ExitCodes.USAGE, cli.run("create", "x", "--max-deliveries", "0").exit());
            assertEquals(ExitCodes.USAGE, cli.run("create", "x", "--when-full", "SOMETIMES").exit());

            Cli.Result changed = cli.run("limits", "jobs", "--max-deliveries", "3", "--json");
            assertEquals(3, changed.json().get("maxDeliveries").asInt(), changed.toString());
            assertEquals(5, changed.json().get("maxMessages").asLong(), "limits not given are kept");
            try (java.sql.Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT max_deliveries, max_messages, when_full FROM rowmq_destination WHERE name = 'jobs'")) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1));
                assertEquals(5, rs.getLong(2));
                assertEquals("BLOCK", rs.getString(3));
            }

            send(db, "jobs", "one", "two");
            assertEquals(ExitCodes.REFUSED, cli.run("delete", "jobs").exit());
            assertEquals(2, count(db, "jobs"));
            Cli.Result deleted = cli.run("delete", "jobs", "--yes", "--json");
            assertEquals(2, deleted.json().get("deletedMessages").asLong(), deleted.toString());
            assertEquals(0, count(db, "jobs"));
            assertEquals(ExitCodes.NOT_FOUND, cli.run("delete", "jobs", "--yes").exit());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void subscriptionsListBacklogAndAStaleDurableOneIsDeleted(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli = new Cli(db);
            try (RowConnectionFactory f = factory(db); Connection c = f.createConnection()) {
                c.setClientID("billing");
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Topic prices = s.createTopic("prices");
                MessageConsumer durable = s.createDurableSubscriber(prices, "all-prices");
                MessageProducer p = s.createProducer(prices);
                p.send(s.createTextMessage("1"));
                p.send(s.createTextMessage("2"));

                Cli.Result active = cli.run("subscriptions", "--json");
                JsonNode sub = find(active.json(), "name", "all-prices");
                assertEquals("prices", sub.get("topic").asText());
                assertEquals("billing", sub.get("clientId").asText());
                assertTrue(sub.get("durable").asBoolean());
                assertEquals(1, sub.get("consumers").asInt());
                assertEquals(2, sub.get("backlog").asLong());
                assertTrue(sub.get("lastActivityAge").isNumber(), "the consumer attached: " + active.out());
                assertTrue(sub.get("lastActivityAge").asLong() < 3_600_000, active.out());
                assertEquals(ExitCodes.REFUSED, cli.run("unsubscribe", "all-prices", "--client-id", "billing", "--yes").exit());
                durable.close();
            }
            assertEquals(ExitCodes.NOT_FOUND, cli.run("unsubscribe", "no-such", "--client-id", "billing", "--yes").exit());
            Cli.Result done = cli.run("unsubscribe", "all-prices", "--client-id", "billing", "--yes", "--json");
            assertEquals(0, done.exit(), done.toString());
            assertEquals(0, cli.run("subscriptions", "--json").json().size());
            try (java.sql.Connection c = db.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM rowmq_message")) {
                rs.next();
                assertEquals(0, rs.getLong(1), "the subscription's messages went with it");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void nodesListsTheLiveJvmWithItsLeaseAndInFlightMessages(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli = new Cli(db);
            send(db, "q", "one");
            try (RowConnectionFactory f = factory(db); Connection c = f.createConnection()) {
                c.start();
                Session s = c.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                assertNotNull(s.createConsumer(s.createQueue("q")).receive(10_000));
                Cli.Result r = cli.run("nodes", "--json");
                assertEquals(0, r.exit(), r.toString());
                JsonNode withMessage = null;
                for (JsonNode n : r.json()) if (n.get("inFlight").asLong() == 1) withMessage = n;
                assertNotNull(withMessage, r.out());
                assertTrue(withMessage.get("alive").asBoolean());
                assertEquals(30_000, withMessage.get("lease").asLong());
                assertTrue(withMessage.get("node").asText().startsWith("node-" + ProcessHandle.current().pid()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void inDoubtXaBranchesAreListedAndSettledByHandAfterConfirmation(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli = new Cli(db);
            BranchId first = new BranchId(4711, "global-1".getBytes(StandardCharsets.UTF_8), "b1".getBytes(StandardCharsets.UTF_8));
            BranchId second = new BranchId(4711, "global-2".getBytes(StandardCharsets.UTF_8), "b1".getBytes(StandardCharsets.UTF_8));
            try (RowXAConnectionFactory xa = new RowXAConnectionFactory(db.url(), db.user(), db.password())) {
                try (XAConnection c = xa.createXAConnection()) {
                    for (BranchId xid : List.of(first, second)) {
                        XASession s = c.createXASession();
                        XAResource resource = s.getXAResource();
                        resource.start(xid, XAResource.TMNOFLAGS);
                        Queue q = s.createQueue("xa.out");
                        s.createProducer(q).send(s.createTextMessage("from " + xid));
                        resource.end(xid, XAResource.TMSUCCESS);
                        assertEquals(XAResource.XA_OK, resource.prepare(xid));
                        s.close();
                    }
                }
                Cli.Result listed = cli.run("xa", "list", "--json");
                assertEquals(0, listed.exit(), listed.toString());
                assertEquals(2, listed.json().size());
                JsonNode b1 = find(listed.json(), "gtrid", java.util.HexFormat.of().formatHex("global-1".getBytes(StandardCharsets.UTF_8)));
                assertEquals(1, b1.get("heldSends").asLong());
                assertEquals("xa.out", b1.get("destinations").get(0).asText());
                long b1Id = b1.get("branch").asLong();
                long b2Id = find(listed.json(), "gtrid", java.util.HexFormat.of().formatHex("global-2".getBytes(StandardCharsets.UTF_8))).get("branch").asLong();

                assertEquals(ExitCodes.REFUSED, cli.run("xa", "commit", Long.toString(b1Id)).exit());
                assertEquals(ExitCodes.NOT_FOUND, cli.run("xa", "commit", "99999", "--yes").exit());
                Cli.Result committed = cli.runTyping("yes\n", "xa", "commit", Long.toString(b1Id));
                assertEquals(0, committed.exit(), committed.toString());
                assertTrue(committed.out().contains("outcome: committed"), committed.out());
                Cli.Result rolledBack = cli.run("xa", "rollback", Long.toString(b2Id), "--yes", "--json");
                assertEquals(0, rolledBack.exit(), rolledBack.toString());
                assertEquals("rolled back", rolledBack.json().get("outcome").asText());
                assertEquals(0, cli.run("xa", "--json").json().size());

                JsonNode ready = cli.run("browse", "xa.out", "--preview", "500", "--json").json();
                assertEquals(1, ready.size(), "the committed branch's send is ready, the rolled-back one's is gone");
                assertEquals("READY", ready.get(0).get("state").asText());
                assertEquals("from " + first, ready.get(0).get("body").asText(), "the committed branch's message");
                assertEquals(1, count(db, "xa.out"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void statsWatchShowsSendAndConsumeRatesPerDestinationAndInTotal(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli = cliOnTables(db);
            send(db, "q", "before 1", "before 2"); // before the first sample: in the depth, not in the rates
            long deadline = System.currentTimeMillis() + 30_000;
            while (publishedSends(db, "q") < 2) { // the node publishes its counts every second
                assertTrue(System.currentTimeMillis() < deadline, "the sends were never published");
                Thread.sleep(20);
            }
            java.io.StringWriter out = new java.io.StringWriter();
            java.util.concurrent.CompletableFuture<Cli.Result> watch = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> cli.runInto(out, "", "stats", "--watch", "--count", "12", "--interval", "0.5", "--json"));
            while (out.toString().lines().count() < 1) {
                assertTrue(System.currentTimeMillis() < deadline, "no first sample: " + out);
                Thread.sleep(20);
            }
            try (RowConnectionFactory f = factory(db); Connection c = f.createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(s.createQueue("q"));
                for (int i = 0; i < 10; i++) p.send(s.createTextMessage("during " + i));
                c.start();
                MessageConsumer consumer = s.createConsumer(s.createQueue("q"));
                for (int i = 0; i < 4; i++) assertNotNull(consumer.receive(10_000), "message " + i);
            }
            Cli.Result r = watch.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(0, r.exit(), r.toString());
            List<String> lines = r.out().lines().toList();
            // The counts are published within a second; the watch goes on for about five more.
            assertEquals(12, lines.size(), r.out());
            long sent = 0;
            long consumed = 0;
            long totalSent = 0;
            long totalConsumed = 0;
            for (String line : lines) {
                JsonNode sample = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
                assertTrue(sample.get("at").asLong() > 0);
                JsonNode q = find(sample.get("destinations"), "destination", "q");
                sent += q.get("sent").asLong();
                consumed += q.get("consumed").asLong();
                assertEquals(q.get("sent").asLong() > 0, q.get("sentPerSecond").asDouble() > 0, line);
                assertEquals(q.get("consumed").asLong() > 0, q.get("consumedPerSecond").asDouble() > 0, line);
                totalSent += sample.get("total").get("sent").asLong();
                totalConsumed += sample.get("total").get("consumed").asLong();
            }
            assertEquals(10, sent, "each message sent during the watch counted once: " + r.out());
            assertEquals(4, consumed, "each message acknowledged during the watch counted once: " + r.out());
            assertEquals(10, totalSent, r.out());
            assertEquals(4, totalConsumed, r.out());
            JsonNode last = find(new com.fasterxml.jackson.databind.ObjectMapper().readTree(lines.get(lines.size() - 1))
                    .get("destinations"), "destination", "q");
            assertEquals(8, last.get("ready").asLong(), "2 before + 10 during - 4 consumed");

            Cli.Result table = cli.run("stats", "--interval", "0.05");
            assertEquals(0, table.exit(), table.toString());
            assertTrue(table.out().lines().findFirst().orElseThrow().matches(
                    "destination +sentPerSecond +consumedPerSecond +ready +inFlight +growthPerSecond +oldestReadyAge"), table.out());
            assertTrue(table.out().lines().anyMatch(l -> l.startsWith("(total) ")), table.out());
            assertEquals(ExitCodes.USAGE, cli.run("stats", "--interval", "0").exit());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseWithoutRowMQTablesOrNoUrlFailsWithAClearMessage(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli.Result r = new Cli(db).run("destinations");
            assertEquals(ExitCodes.FAILED, r.exit(), r.toString());
            assertTrue(r.err().contains("RowMQ's tables"), r.err());
        }
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = RowMQ.commandLine(new java.io.BufferedReader(new java.io.StringReader("")), new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err, true)).execute("--url", "", "destinations");
        assertEquals(ExitCodes.USAGE, exit, err.toString());
        assertTrue(err.toString().contains("--url"), err.toString());
    }
}
