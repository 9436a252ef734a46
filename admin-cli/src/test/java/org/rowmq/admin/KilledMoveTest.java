package org.rowmq.admin;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * rowmq move, killed with kill -9 half-way through a move from a dead-letter queue (one origin's rows already moved in
 * its transaction), leaves every message in exactly one place: the database rolls the transaction back, so all are
 * still dead letters, none duplicated, none lost; and a second move then returns them all.
 */
class KilledMoveTest {

    private static final int PER_QUEUE = 40;

    static Stream<CliDatabase> databases() {
        return CliDatabase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aMoveKilledHalfWayLeavesEveryMessageInExactlyOnePlace(CliDatabase kind) throws Exception {
        try (CliDatabase.Fresh db = kind.fresh()) {
            Cli cli;
            try (RowConnectionFactory factory = new RowConnectionFactory(db.url(), db.user(), db.password());
                 Connection c = factory.createConnection()) {
                cli = new Cli(db);
                for (String q : List.of("first", "second")) {
                    assertEquals(0, cli.run("create", q, "--max-deliveries", "1").exit());
                    deadLetter(c, q);
                }
            }
            assertEquals(Map.of("DLQ", (long) 2 * PER_QUEUE), counts(db));

            // The command line itself, as an operator runs it, held by MidMoveDriver once the first origin's rows
            // are moved inside the move's still open transaction.
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    MidMoveMain.class.getName(), "--url", MidMoveDriver.PREFIX + db.url(), "--user", db.user(),
                    "--password", db.password(), "move", "DLQ", "--yes")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                assertNotNull(line, "the command exited before moving");
                assertEquals("MID-MOVE updated=" + PER_QUEUE + " autoCommit=false returned=" + PER_QUEUE, line,
                        "killed mid-move: one origin's rows moved, uncommitted, in the move's open transaction");
                assertEquals(Map.of("DLQ", (long) 2 * PER_QUEUE), counts(db), "others see none of it moved yet");
                assertTrue(child.isAlive(), "the command is still in its move");
            } finally {
                child.destroyForcibly(); // SIGKILL on Linux
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            }

            // The server notices the dead connection and rolls its transaction back; wait for its row locks to go.
            Map<String, Long> after = awaitUnlocked(db);
            assertEquals(Map.of("DLQ", (long) 2 * PER_QUEUE), after, "every message still a dead letter, once");

            Cli.Result again = cli.run("move", "DLQ", "--yes", "--json");
            assertEquals(2 * PER_QUEUE, again.json().get("moved").asLong(), again.toString());
            assertEquals(Map.of("first", (long) PER_QUEUE, "second", (long) PER_QUEUE), counts(db));
        }
    }

    private static void deadLetter(Connection c, String queue) throws JMSException {
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer p = s.createProducer(s.createQueue(queue));
        for (int i = 0; i < PER_QUEUE; i++) p.send(s.createTextMessage(queue + " " + i));
        c.start();
        Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = tx.createConsumer(tx.createQueue(queue));
        for (int i = 0; i < PER_QUEUE; i++) assertNotNull(consumer.receive(10_000));
        tx.rollback();
        consumer.close();
    }

    /** Counts per destination, read with a lock wait so that a transaction still being rolled back is waited for. */
    private static Map<String, Long> awaitUnlocked(CliDatabase.Fresh db) throws Exception {
        try (java.sql.Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeQuery("SELECT id FROM rowmq_message FOR UPDATE").close();
            }
            c.rollback();
        }
        return counts(db);
    }

    private static Map<String, Long> counts(CliDatabase.Fresh db) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (java.sql.Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT destination, COUNT(*) FROM rowmq_message GROUP BY destination")) {
            while (rs.next()) counts.put(rs.getString(1), rs.getLong(2));
        }
        return counts;
    }
}
