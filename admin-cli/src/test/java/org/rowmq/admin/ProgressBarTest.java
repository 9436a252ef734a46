package org.rowmq.admin;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A long purge or move shows a progress bar on stderr, for people; with --json it shows none. H2: the bar is the same
 * anywhere.
 */
class ProgressBarTest {

    @Test
    void aLongPurgeShowsItsProgressOnStderrAndJsonOutputNone() throws Exception {
        try (CliDatabase.Fresh db = CliDatabase.H2.fresh()) {
            fill(db, "big", (int) Progress.THRESHOLD);
            fill(db, "big.json", (int) Progress.THRESHOLD);
            Cli cli = new Cli(db);
            PrintStream original = System.err;
            ByteArrayOutputStream bar = new ByteArrayOutputStream();
            System.setErr(new PrintStream(bar, true, StandardCharsets.UTF_8));
            Cli.Result people;
            String forPeople;
            Cli.Result scripts;
            try {
                people = cli.run("purge", "big", "--yes");
                forPeople = bar.toString(StandardCharsets.UTF_8);
                bar.reset();
                scripts = cli.run("purge", "big.json", "--yes", "--json");
            } finally {
                System.setErr(original);
            }
            assertEquals(0, people.exit(), people.toString());
            assertTrue(people.out().contains("deleted: " + Progress.THRESHOLD), people.out());
            assertTrue(forPeople.contains("purge big") && forPeople.contains("100%"), forPeople);
            assertEquals(Progress.THRESHOLD, scripts.json().get("deleted").asLong(), scripts.toString());
            assertFalse(bar.toString(StandardCharsets.UTF_8).contains("%"), "no bar with --json");
        }
    }

    @Test
    void aLongMoveShowsItsProgressOnStderr() throws Exception {
        try (CliDatabase.Fresh db = CliDatabase.H2.fresh()) {
            fill(db, "big", (int) Progress.THRESHOLD);
            // Dead letters made directly in the table (as a dead-letter move would leave them): failing each of
            // thousands of deliveries would only make the test slow.
            try (java.sql.Connection c = db.connect(); java.sql.Statement st = c.createStatement()) {
                assertEquals(Progress.THRESHOLD, st.executeUpdate("UPDATE rowmq_message SET original_destination = destination,"
                        + " destination = 'DLQ', dead_letter_reason = 'test' WHERE destination = 'big'"));
            }
            PrintStream original = System.err;
            ByteArrayOutputStream bar = new ByteArrayOutputStream();
            System.setErr(new PrintStream(bar, true, StandardCharsets.UTF_8));
            Cli.Result moved;
            try {
                moved = new Cli(db).run("move", "DLQ", "--yes");
            } finally {
                System.setErr(original);
            }
            assertEquals(0, moved.exit(), moved.toString());
            assertTrue(moved.out().contains("moved: " + Progress.THRESHOLD), moved.out());
            String shown = bar.toString(StandardCharsets.UTF_8);
            assertTrue(shown.contains("move DLQ") && shown.contains("100%"), shown);
        }
    }

    private static void fill(CliDatabase.Fresh db, String queue, int n) throws Exception {
        try (RowConnectionFactory f = new RowConnectionFactory(db.url(), db.user(), db.password());
             Connection c = f.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = s.createProducer(s.createQueue(queue));
            for (int i = 0; i < n; i++) p.send(s.createTextMessage("m" + i));
            s.commit();
        }
    }
}
