package org.rowmq.appconn;

import jakarta.jms.JMSContext;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * On PostgreSQL, other JVMs learn of a send in the application's transaction through the usual NOTIFY, which the
 * database delivers when the application commits and drops when it rolls back. The test listens like another JVM.
 */
class PostgresArrivalNotificationTest {

    @Test
    void theNotificationGoesOutAtTheApplicationsCommitAndNeverAtItsRollback() throws Exception {
        TestDatabase db = TestDatabase.postgresql();
        String committed = TestDatabase.unique("notified");
        String rolledBack = TestDatabase.unique("dropped");
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             Connection listener = db.connect();
             Connection app = db.connect()) {
            try (Statement s = listener.createStatement()) {
                s.execute("LISTEN rowmq");
            }
            PGConnection pg = listener.unwrap(PGConnection.class);
            app.setAutoCommit(false);
            try (JMSContext jms = cf.createContext(app)) {
                jms.createProducer().send(jms.createQueue(rolledBack), "never");
                app.rollback();
                jms.createProducer().send(jms.createQueue(committed), "once");
                assertTrue(payloads(pg, 300).stream().noneMatch(p -> p.contains(committed)),
                        "nothing is announced before the commit");
                app.commit();
            }
            List<String> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (seen.stream().noneMatch(p -> p.contains(committed))) {
                if (System.currentTimeMillis() > deadline) fail("no notification for " + committed + " within 30 s: " + seen);
                seen.addAll(payloads(pg, 500));
            }
            // Notifications arrive in commit order: one for the rolled-back send would have come before.
            assertTrue(seen.stream().noneMatch(p -> p.contains(rolledBack)), "a rolled-back send is never announced");
            assertEquals(1, seen.stream().filter(p -> p.contains(committed)).count(), "one notification per commit");
        }
    }

    private static List<String> payloads(PGConnection pg, int waitMillis) throws Exception {
        List<String> result = new ArrayList<>();
        PGNotification[] ns = pg.getNotifications(waitMillis);
        if (ns != null) for (PGNotification n : ns) result.add(n.getParameter());
        return result;
    }
}
