package org.rowmq.admin;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input to the commands that change things: each exits 2 with a message naming what to correct, asks no question,
 * and changes nothing (the rows, the settings, the branch and the subscription are as before).
 */
class RefusedInputTest {

    static Stream<CliDatabase> databases() {
        return CliDatabase.all();
    }

    private static RowConnectionFactory factory(CliDatabase.Fresh db) {
        return new RowConnectionFactory(db.url(), db.user(), db.password());
    }

    /** Exit 2 with {@code expected} in the message, and no confirmation asked first. */
    private static void assertRefused(Cli.Result r, String... expected) {
        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        for (String e : expected) assertTrue(r.err().contains(e), "'" + e + "' in: " + r.err());
        assertFalse(r.err().contains("Type yes"), "refused before asking: " + r.err());
    }

    private static Map<String, Long> counts(CliDatabase.Fresh db) throws Exception {
        Map<String, Long> counts = new TreeMap<>();
        try (java.sql.Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT destination, COUNT(*) FROM rowmq_message GROUP BY destination")) {
            while (rs.next()) counts.put(rs.getString(1), rs.getLong(2));
        }
        return counts;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void purgeAndMoveRefuseAnInvalidOrBlankSelector(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli = new Cli(db);
            try (RowConnectionFactory f = factory(db); Connection c = f.createConnection()) {
                assertEquals(0, cli.run("create", "failing", "--max-deliveries", "1").exit());
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(s.createQueue("failing"));
                for (String color : new String[] {"red", "blue", "red"}) {
                    TextMessage m = s.createTextMessage(color);
                    m.setStringProperty("color", color);
                    p.send(m);
                }
                c.start();
                Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = tx.createConsumer(tx.createQueue("failing"));
                assertNotNull(consumer.receive(10_000));
                tx.rollback(); // the first message is now a dead letter
                consumer.close();
            }
            Map<String, Long> before = counts(db);
            assertEquals(Map.of("DLQ", 1L, "failing", 2L), before);

            for (String verb : new String[] {"purge", "move"}) {
                String destination = verb.equals("purge") ? "failing" : "DLQ";
                assertRefused(cli.run(verb, destination, "--selector", "color = ", "--yes"), "selector", "color = ");
                assertRefused(cli.run(verb, destination, "--selector", "color IN ('red'", "--yes"), "selector");
                assertRefused(cli.run(verb, destination, "--selector", "color = 'red' AND", "--yes"), "selector");
                // Without --yes too: the selector is judged before the question.
                assertRefused(cli.runTyping("yes\n", verb, destination, "--selector", "color ="), "selector");
                // A blank selector matches everything for a consumer; for a change it is a mistake (an empty variable).
                assertRefused(cli.run(verb, destination, "--selector", "", "--yes"), "--selector", "blank");
                assertRefused(cli.run(verb, destination, "--selector", "  ", "--yes"), "--selector", "blank");
                assertEquals(before, counts(db), verb + " changed nothing");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void limitsRefusesNegativeValuesAndAnUnknownPolicy(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            try (RowConnectionFactory f = factory(db)) {
                f.createConnection().close(); // RowMQ's tables
            }
            Cli cli = new Cli(db);
            assertEquals(0, cli.run("create", "jobs", "--max-messages", "5", "--max-deliveries", "3").exit());
            String settings = cli.run("limits", "jobs", "--json").out();

            assertRefused(cli.run("limits", "jobs", "--max-messages", "-1"), "--max-messages", "-1");
            assertRefused(cli.run("limits", "jobs", "--max-deliveries", "0"), "--max-deliveries", "0");
            assertRefused(cli.run("limits", "jobs", "--max-deliveries", "-2"), "--max-deliveries", "-2");
            assertRefused(cli.run("limits", "jobs", "--block-timeout", "PT-5S"), "--block-timeout", "PT-5S");
            assertRefused(cli.run("limits", "jobs", "--block-timeout", "-5"), "--block-timeout", "-5");
            assertRefused(cli.run("limits", "jobs", "--redelivery-delay", "PT-1S"), "--redelivery-delay", "PT-1S");
            assertRefused(cli.run("limits", "jobs", "--when-full", "SOMETIMES"), "--when-full", "SOMETIMES", "FAIL", "BLOCK");
            assertRefused(cli.run("limits", "jobs", "--max-messages", "many"), "--max-messages", "many");
            assertRefused(cli.run("limits", "jobs", "--dead-letter-queue", " "), "--dead-letter-queue");
            // One bad value among good ones: none of them is applied.
            assertRefused(cli.run("limits", "jobs", "--max-messages", "9", "--max-deliveries", "0"), "--max-deliveries");

            assertEquals(settings, cli.run("limits", "jobs", "--json").out(), "the limits are as they were");
            JsonNode kept = cli.run("limits", "jobs", "--json").json();
            assertEquals(5, kept.get("maxMessages").asLong());
            assertEquals(3, kept.get("maxDeliveries").asInt());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void xaCommitAndRollbackRefuseWhatIsNotABranchNumber(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli = new Cli(db);
            BranchId xid = new BranchId(4711, "global".getBytes(StandardCharsets.UTF_8), "b1".getBytes(StandardCharsets.UTF_8));
            try (RowXAConnectionFactory xa = new RowXAConnectionFactory(db.url(), db.user(), db.password())) {
                try (XAConnection c = xa.createXAConnection()) {
                    XASession s = c.createXASession();
                    XAResource resource = s.getXAResource();
                    resource.start(xid, XAResource.TMNOFLAGS);
                    s.createProducer(s.createQueue("xa.out")).send(s.createTextMessage("held"));
                    resource.end(xid, XAResource.TMSUCCESS);
                    assertEquals(XAResource.XA_OK, resource.prepare(xid));
                    s.close();
                }
                JsonNode branch = cli.run("xa", "list", "--json").json().get(0);
                // What an operator may paste instead of the branch number: the xid's parts as the listing shows them.
                String pastedXid = branch.get("formatId").asText() + ":" + branch.get("gtrid").asText() + ":" + branch.get("bqual").asText();

                for (String verb : new String[] {"commit", "rollback"}) {
                    assertRefused(cli.run("xa", verb, pastedXid, "--yes"), "BRANCH", pastedXid, "rowmq xa list");
                    assertRefused(cli.run("xa", verb, branch.get("gtrid").asText(), "--yes"), "BRANCH", "rowmq xa list");
                    assertRefused(cli.run("xa", verb, "abc", "--yes"), "BRANCH", "abc");
                    assertRefused(cli.run("xa", verb, "1.5", "--yes"), "BRANCH", "1.5");
                    assertRefused(cli.run("xa", verb, "0", "--yes"), "BRANCH", "positive");
                    assertRefused(cli.run("xa", verb, "--yes", "--", "-3"), "BRANCH", "positive");
                    assertRefused(cli.run("xa", verb, "--yes"), "BRANCH");
                    assertRefused(cli.run("xa", verb, branch.get("branch").asText(), "7", "--yes"), "7");
                }
                JsonNode still = cli.run("xa", "list", "--json").json();
                assertEquals(1, still.size(), "the branch is still prepared: " + still);
                for (String field : new String[] {"branch", "gtrid", "bqual", "heldSends"})
                    assertEquals(branch.get(field), still.get(0).get(field), field);
                assertEquals(Map.of("xa.out", 1L), counts(db));
                assertEquals(0, cli.run("xa", "rollback", branch.get("branch").asText(), "--yes").exit());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void unsubscribeRefusesAMissingOrBlankName(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli = new Cli(db);
            try (RowConnectionFactory f = factory(db); Connection c = f.createConnection()) {
                c.setClientID("billing");
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                s.createDurableSubscriber(s.createTopic("prices"), "all-prices").close();
                s.createProducer(s.createTopic("prices")).send(s.createTextMessage("1"));
            }
            assertEquals(1, cli.run("subscriptions", "--json").json().size());

            assertRefused(cli.run("unsubscribe", "--client-id", "billing", "--yes"), "NAME");
            assertRefused(cli.run("unsubscribe", "", "--client-id", "billing", "--yes"), "subscription name", "blank");
            assertRefused(cli.run("unsubscribe", "   ", "--client-id", "billing", "--yes"), "subscription name", "blank");
            assertRefused(cli.runTyping("yes\n", "unsubscribe", " ", "--client-id", "billing"), "blank");
            assertRefused(cli.run("unsubscribe", "all-prices", "--client-id", "", "--yes"), "--client-id", "blank");
            assertRefused(cli.run("unsubscribe", "all-prices", "--client-id", " ", "--yes"), "--client-id", "blank");
            assertRefused(cli.run("unsubscribe", "all-prices", "--client-id", "--yes"), "--client-id");

            JsonNode kept = cli.run("subscriptions", "--json").json();
            assertEquals(1, kept.size(), "the subscription is still there: " + kept);
            assertEquals("all-prices", kept.get(0).get("name").asText());
            assertEquals(1, kept.get(0).get("backlog").asLong(), "with its message");
            assertEquals(0, cli.run("unsubscribe", "all-prices", "--client-id", "billing", "--yes").exit());
        }
    }
}
