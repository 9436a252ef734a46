package org.rowmq.store;

import org.junit.jupiter.api.Test;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rowmq.store.Messages.bodies;
import static org.rowmq.store.Messages.message;

/**
 * On PostgreSQL a claim that marks nothing commits without waiting for its WAL flush
 * ({@link PostgresDialect#RELAXED_COMMIT}); one that marks the message it hands over keeps the synchronous commit, since
 * the application may see that message with no later commit flushing the mark. Only the claim's own transaction is
 * relaxed: the connection goes back to the pool committing synchronously, so sends,
 * acknowledgements, marks and XA branches written on it later stay durable at their commit.
 */
class RelaxedClaimCommitTest {
    private static final long NOW = Long.MAX_VALUE / 4;

    @Test
    void aHeadClaimRelaxesItsOwnTransactionOnly() throws Exception {
        TestDatabase db = TestDatabase.postgresql();
        String queue = TestDatabase.unique("relaxed");
        PostgresDialect dialect = new PostgresDialect();
        try (OpenStore store = OpenStore.open(db.config()); Connection c = db.connect()) {
            store.send(List.of(message(queue, "a"), message(queue, "b"), message(queue, "c"))).get(30, TimeUnit.SECONDS);
            assertEquals("on", synchronousCommit(c), "the server's setting, before any claim");

            c.setAutoCommit(false);
            assertEquals(List.of("a"), bodies(dialect.claimHead(c, queue, store.nodeId(), 1, 0, NOW, 1)));
            assertEquals("off", synchronousCommit(c), "inside the claim's transaction");
            c.commit();
            assertEquals("on", synchronousCommit(c), "after the claim's transaction");

            c.setAutoCommit(true);
            assertEquals(List.of("b"), bodies(dialect.claimHead(c, queue, store.nodeId(), 2, 0, NOW, 1)));
            assertEquals("on", synchronousCommit(c), "after an autocommitted claim, as the store runs it");
        }
    }

    @Test
    void aClaimByIdRelaxesItsOwnTransactionOnly() throws Exception {
        TestDatabase db = TestDatabase.postgresql();
        String queue = TestDatabase.unique("relaxed-ids");
        PostgresDialect dialect = new PostgresDialect();
        try (OpenStore store = OpenStore.open(db.config()); Connection c = db.connect()) {
            store.send(List.of(message(queue, "a"))).get(30, TimeUnit.SECONDS);
            long id = store.browse(queue, null, 1).get(0).id();

            c.setAutoCommit(false);
            assertEquals(List.of(id), List.copyOf(dialect.claimCandidates(c, queue, store.nodeId(), 1, 0, NOW, new long[]{id}).keySet()));
            assertEquals("off", synchronousCommit(c), "inside the claim's transaction");
            c.commit();
            assertEquals("on", synchronousCommit(c), "after the claim's transaction");
        }
    }

    @Test
    void aClaimThatMarksWhatItHandsOverCommitsSynchronously() throws Exception {
        TestDatabase db = TestDatabase.postgresql();
        String queue = TestDatabase.unique("marking-claim");
        PostgresDialect dialect = new PostgresDialect();
        try (OpenStore store = OpenStore.open(db.config()); Connection c = db.connect()) {
            store.send(List.of(message(queue, "a"), message(queue, "b"))).get(30, TimeUnit.SECONDS);
            long[] ids = store.browse(queue, null, 2).stream().mapToLong(StoredMessage::id).toArray();

            c.setAutoCommit(false);
            assertEquals(List.of("a"), bodies(dialect.claimHead(c, queue, store.nodeId(), 1, 1, NOW, 1)));
            assertEquals("on", synchronousCommit(c), "inside a head claim that marks");
            c.commit();
            assertEquals(1, dialect.claimCandidates(c, queue, store.nodeId(), 2, 1, NOW, new long[]{ids[1]}).size());
            assertEquals("on", synchronousCommit(c), "inside a claim by id that marks");
            c.commit();
        }
    }

    private static String synchronousCommit(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
