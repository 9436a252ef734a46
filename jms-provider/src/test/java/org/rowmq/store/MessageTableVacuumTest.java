package org.rowmq.store;

import org.junit.jupiter.api.Test;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rowmq.store.Messages.ids;
import static org.rowmq.store.Messages.message;

/**
 * RowMQ vacuums its message table on PostgreSQL once its own traffic left enough dead row versions
 * ({@link MessageTableVacuum}), rather than waiting for autovacuum's next look: never before, and on its own once a
 * store's sends, claims and acknowledgements reach the count.
 */
class MessageTableVacuumTest {

    private final TestDatabase db = TestDatabase.postgresql();

    @Test
    void vacuumsOnlyOnceTheTrafficLeftEnoughDeadVersions() throws Exception {
        try (OpenStore store = OpenStore.open(db.config())) {
            AtomicLong dead = new AtomicLong(MessageTableVacuum.DEAD_VERSIONS - 1);
            MessageTableVacuum vacuum = new MessageTableVacuum(FaultyConnections.over(db, c -> c), dead::get, "test");
            long before = vacuums();

            assertFalse(vacuum.vacuumIfDue(), "one dead version short");
            dead.incrementAndGet();
            assertTrue(vacuum.vacuumIfDue());
            // At least: another store of this test run may vacuum the same schema's table meanwhile.
            assertTrue(vacuums() > before, "a VACUUM of rowmq_message in this test run's schema");
            assertFalse(vacuum.vacuumIfDue(), "nothing more since");
            vacuum.stop();
        }
    }

    @Test
    void aStoresOwnTrafficStartsTheVacuum() throws Exception {
        String queue = TestDatabase.unique("vacuumed");
        try (OpenStore store = OpenStore.open(db.config())) {
            long before = vacuums();
            int messages = (int) MessageTableVacuum.DEAD_VERSIONS / 2; // each is sent, claimed and acknowledged
            for (int sent = 0; sent < messages; sent += 100) {
                List<OutgoingMessage> batch = new ArrayList<>();
                for (int i = 0; i < 100; i++) batch.add(message(queue, "m" + (sent + i)));
                store.send(batch).get(30, TimeUnit.SECONDS);
            }
            List<StoredMessage> got;
            while (!(got = store.claim(queue, 500, null)).isEmpty()) {
                store.acknowledge(ids(got)).get(30, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (vacuums() == before && System.nanoTime() < deadline) Thread.sleep(100);
            assertTrue(vacuums() > before, "the store vacuumed its message table");
        }
    }

    /** VACUUMs run on this test run's rowmq_message so far (autovacuum's not counted). */
    private long vacuums() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT vacuum_count FROM pg_stat_user_tables"
                     + " WHERE schemaname = current_schema() AND relname = 'rowmq_message'")) {
            assertTrue(rs.next(), "rowmq_message is in the test's schema");
            return rs.getLong(1);
        }
    }
}
