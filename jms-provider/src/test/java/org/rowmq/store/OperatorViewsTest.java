package org.rowmq.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DBA views of migration V9 on every database, read after real store operations. */
class OperatorViewsTest {

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theViewsShowDepthOldestDeadLettersBranchesNodesAndTableStatistics(TestDatabase db) throws Exception {
        String queue = TestDatabase.unique("viewed");
        String dlq = TestDatabase.unique("viewed-dlq");
        String xaQueue = TestDatabase.unique("viewed-xa");
        BranchId branch = new BranchId(99, TestDatabase.unique("g").getBytes(StandardCharsets.UTF_8), new byte[]{1});
        try (OpenStore store = OpenStore.open(db.config())) {
            store.configure(queue, DestinationSettings.DEFAULTS.withMaxDeliveries(1, dlq));
            store.send(List.of(Messages.message(queue, "a"), Messages.message(queue, "b"), Messages.message(queue, "c"),
                    Messages.delayed(queue, "later", 3_600_000, 0))).get();
            store.release(Messages.ids(store.claim(queue, 1, null)), true); // "a" to the dead-letter queue
            List<StoredMessage> held = store.claim(queue, 1, null);          // "b" in flight
            store.xaBranches().prepare(branch, List.of(Messages.message(xaQueue, "x")), List.of());
            try (Connection c = db.connect()) {
                assertEquals(List.of(List.of(1L, 1L, 1L, 0L, 3L)), rows(c, "SELECT ready, scheduled, in_flight, held_xa, total"
                        + " FROM rowmq_queue_depth WHERE destination = ?", queue));
                assertEquals(List.of(List.of(0L, 0L, 0L, 1L, 1L)), rows(c, "SELECT ready, scheduled, in_flight, held_xa, total"
                        + " FROM rowmq_queue_depth WHERE destination = ?", xaQueue));

                List<List<Long>> oldest = rows(c, "SELECT oldest_id, age_ms FROM rowmq_oldest_message WHERE destination = ?", queue);
                assertEquals(1, oldest.size());
                assertTrue(oldest.get(0).get(1) >= 0, "age of the oldest ready message " + oldest);

                assertEquals(List.of(List.of(1L, 1L)), rows(c, "SELECT messages, max_delivery_count FROM rowmq_dead_letters"
                        + " WHERE dead_letter_queue = ? AND original_destination = '" + queue + "'", dlq));

                List<List<Long>> branches = rows(c, "SELECT held_sends, held_receives, age_ms FROM rowmq_in_doubt_branches"
                        + " WHERE node = ?", store.nodeId());
                assertEquals(1, branches.size());
                assertEquals(List.of(1L, 0L), branches.get(0).subList(0, 2));
                assertTrue(branches.get(0).get(2) >= 0);

                assertEquals(List.of(List.of(1L, 1L)), rows(c, "SELECT alive, in_flight FROM rowmq_live_nodes WHERE id = ?",
                        store.nodeId()));

                Set<String> tables = tableNames(c);
                assertTrue(tables.contains("rowmq_message") && tables.contains("rowmq_body"), tables.toString());
            }
            store.acknowledge(Messages.ids(held)).get();
            store.xaBranches().rollback(branch);
        }
    }

    private static List<List<Long>> rows(Connection c, String sql, String parameter) throws Exception {
        List<List<Long>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Long> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) row.add(rs.getLong(i));
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static Set<String> tableNames(Connection c) throws Exception {
        Set<String> names = new java.util.TreeSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT table_name, live_rows, dead_rows, total_bytes, reclaimable_bytes, last_vacuum, last_analyze"
                        + " FROM rowmq_table_bloat")) {
            while (rs.next()) names.add(rs.getString(1).toLowerCase(java.util.Locale.ROOT));
        }
        assertFalse(names.isEmpty());
        return names;
    }
}
