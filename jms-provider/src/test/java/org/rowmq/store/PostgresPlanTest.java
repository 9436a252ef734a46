package org.rowmq.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RowMQ's pool on PostgreSQL plans each statement once per connection (generic plans), and the statements that name
 * in-flight rows by id find them through the primary key on such a plan, even one costed on statistics from a moment
 * the node held few rows in flight: on the partial in-flight index they read every row the node holds (the
 * benchmark's 4 x 4 lost 40 % after an ANALYZE that way).
 */
class PostgresPlanTest {

    private final TestDatabase db = TestDatabase.postgresql();

    @Test
    void rowMqsPoolUsesGenericPlans() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        config.setUsername(db.user());
        config.setPassword(db.password());
        config.setMaximumPoolSize(1);
        new PostgresDialect().configurePool(config);
        try (HikariDataSource pool = new HikariDataSource(config); Connection c = pool.getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
            assertTrue(rs.next());
            assertEquals("force_generic_plan", rs.getString(1));
        }
    }

    @Test
    void acknowledgementAndGroupWriteProbeThePrimaryKeyOnAGenericPlanFromStatisticsOfFewRowsInFlight()
            throws Exception {
        OpenStore.open(db.config()).close(); // migrates the run's schema, whose tables are copied below
        String schema = "rowmq_plan_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            String tables = currentSchema(s);
            s.execute("CREATE SCHEMA " + schema);
            try {
                s.execute("SET search_path = " + schema);
                s.execute("CREATE TABLE rowmq_message (LIKE " + tables + ".rowmq_message INCLUDING ALL)");
                s.execute("CREATE TABLE rowmq_body (LIKE " + tables + ".rowmq_body INCLUDING ALL)");
                // Statistics taken while the node held one row in five in flight, then 2,700 rows in flight.
                s.execute("INSERT INTO rowmq_message (destination, priority, state, visible_at, expires_at,"
                        + " delivery_count, payload, owner_node) SELECT 'q', 4, CASE WHEN g % 5 = 0 THEN 1 ELSE 0 END,"
                        + " 0, 0, 0, decode(repeat('ab', 1024), 'hex'), CASE WHEN g % 5 = 0 THEN 'node-a' END"
                        + " FROM generate_series(1, 700) g");
                s.execute("ANALYZE rowmq_message");
                s.execute("UPDATE rowmq_message SET state = 1, owner_node = 'node-a' WHERE state = 0");
                s.execute("INSERT INTO rowmq_message (destination, priority, state, visible_at, expires_at,"
                        + " delivery_count, payload, owner_node) SELECT 'q', 4, 1, 0, 0, 0,"
                        + " decode(repeat('ab', 1024), 'hex'), 'node-a' FROM generate_series(1, 2000) g");

                assertProbesPrimaryKey(GenericPlans.explain(c, PostgresDialect.DELETE_ACKNOWLEDGED,
                        "'node-a', ARRAY[100, 200, 300]::bigint[]"));
                assertProbesPrimaryKey(GenericPlans.explain(c, PostgresGroupWrite.statement(true, true, true, true, false), "ARRAY['q'], ARRAY[4],"
                        + " ARRAY[0], ARRAY[0], ARRAY['\\x00'::bytea], ARRAY[NULL], ARRAY[0], 'node-a',"
                        + " ARRAY[100, 200]::bigint[], 'node-a', ARRAY[300]::bigint[], 2, ARRAY[300]::bigint[], 1,"
                        + " 'node-a q'"));
                assertProbesPrimaryKey(GenericPlans.explain(c, PostgresGroupWrite.statement(false, true, false, false, false),
                        "'node-a', ARRAY[100, 200]::bigint[], 2"));
            } finally {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static void assertProbesPrimaryKey(String plan) {
        // The copied indexes have names of their own; their conditions tell which one a scan uses.
        assertFalse(plan.contains("Index Cond: ((owner_node)"), plan);
        assertTrue(plan.contains("Index Cond: (id = ANY ($"), plan);
    }

    private static String currentSchema(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
