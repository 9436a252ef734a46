package org.rowmq.store;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the group commit counts as a statement sent: each execution (a batch is one), each commit and rollback. */
class StatementCounterTest {

    @Test
    void countsEachExecutionCommitAndRollbackAndNothingElse() throws Exception {
        StatementCounter counter = new StatementCounter();
        try (Connection raw = DriverManager.getConnection("jdbc:h2:mem:statement-counter")) {
            Connection c = counter.counting(raw);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            }
            assertEquals(1, counter.count());
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t (id) VALUES (?)")) {
                for (int i = 0; i < 5; i++) {
                    insert.setInt(1, i);
                    insert.addBatch();
                }
                insert.executeBatch();
                insert.setInt(1, 10);
                insert.executeUpdate();
            }
            assertEquals(3, counter.count(), "a batch of five is one statement, then one insert");
            c.commit();
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM t");
                 ResultSet rs = count.executeQuery()) {
                rs.next();
                assertEquals(6, rs.getInt(1));
            }
            c.rollback();
            assertEquals(6, counter.count(), "the commit, the query and the rollback");

            try (PreparedStatement duplicate = c.prepareStatement("INSERT INTO t (id) VALUES (1)")) {
                SQLException e = assertThrows(SQLException.class, duplicate::executeUpdate,
                        "the driver's own exception, not a reflection wrapper");
                assertTrue(e.getMessage().contains("PRIMARY KEY") || e.getSQLState().startsWith("23"), e.getMessage());
            }
            assertEquals(7, counter.count(), "a statement the database refused was sent all the same");
            assertTrue(c.isWrapperFor(org.h2.jdbc.JdbcConnection.class));
            assertEquals(7, counter.count(), "asking the connection about itself sends nothing");
        }
    }
}
