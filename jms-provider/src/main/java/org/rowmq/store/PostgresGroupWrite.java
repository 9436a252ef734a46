package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a whole group of the group commit on PostgreSQL in one statement: its queue sends, its acknowledgements (and
 * the bodies only they referenced), its delivery marks and the group's notification to other JVMs. The portable path
 * ({@link MessageWriter#insertGroup}, {@link MessageWriter#delete}, {@link MessageWriter#markDelivered} twice, then
 * the notification) takes up to five statements, each a round trip on the group committer's connection; a round trip
 * costs about as much as the commit's own on a busy machine (measured on the benchmark's 4 x 4: a group's statements
 * took 400-600 µs before its commit's 260-380 µs), and the committer's next group waits for all of them.
 *
 * <p>The statement does what the portable path does, in one snapshot: the data-modifying CTEs all run to completion
 * whatever the final SELECT reads, and each sees the rows as they were when the statement began. So a row must not be
 * both acknowledged and marked by one group (PostgreSQL would apply only one of the two, unpredictably); such a group,
 * and one that publishes to a topic ({@link PostgresPublish} writes those), takes the portable path. A lease lost
 * (a row this node no longer holds) fails the statement as a whole, so that nothing of the group is written.
 */
final class PostgresGroupWrite {

    /** division_by_zero: the statement's lease check failed (nothing else in it divides). */
    private static final String LEASE_CHECK_FAILED = "22012";

    /**
     * The group's statement, of the parts it needs. PostgreSQL sets up every part of a statement at each execution,
     * those with nothing to do included: one connection writing one message per statement ran 2,500-2,800 of the
     * statement with every part a second, 3,300-3,700 of the INSERT alone. So a producer's group is its INSERT alone,
     * a consumer's its DELETEs alone; each of the few combinations is prepared once per connection.
     */
    private static final String[] STATEMENTS = new String[16];

    static {
        for (int parts = 0; parts < STATEMENTS.length; parts++) {
            STATEMENTS[parts] = compose((parts & 1) != 0, (parts & 2) != 0, (parts & 4) != 0, (parts & 8) != 0);
        }
    }

    /** The statement of the parts given; its parameters are bound in {@link #write}'s order. */
    static String statement(boolean sends, boolean acknowledgements, boolean marks, boolean notification) {
        return STATEMENTS[(sends ? 1 : 0) | (acknowledgements ? 2 : 0) | (marks ? 4 : 0) | (notification ? 8 : 0)];
    }

    private static String compose(boolean sends, boolean acknowledgements, boolean marks, boolean notification) {
        // Rows are inserted in the group's order (ORDER BY the ordinality), so their ids follow it as with the batch.
        String insert = "INSERT INTO rowmq_message (destination, priority, state, visible_at, expires_at,"
                + " delivery_count, payload, group_id, group_end) SELECT destination, priority, " + RowState.READY
                + ", visible_at, expires_at, 0, payload, group_id, group_end FROM " + MessageArrays.UNNEST
                + " AS u(destination, priority, visible_at, expires_at, payload, group_id, group_end, ord) ORDER BY ord";
        if (!acknowledgements && !marks && !notification) return sends ? insert : null;
        List<String> ctes = new ArrayList<>();
        if (sends) ctes.add("m AS (" + insert + ")");
        if (acknowledgements) ctes.add(PostgresDialect.ACKNOWLEDGED_CTES);
        // Marks required and marks written ahead are one UPDATE; the lease check below counts the required ones.
        if (marks) ctes.add("k AS (UPDATE rowmq_message SET delivered = 1 WHERE " + Dialect.HELD_IN_FLIGHT
                + " AND id = ANY(?) RETURNING id)");
        List<String> rows = new ArrayList<>();
        if (acknowledgements || marks) {
            // The lease check: an acknowledged row or a row to be marked that this node no longer holds fails the
            // statement (division by zero), so that its implicit transaction writes nothing.
            List<String> held = new ArrayList<>();
            if (acknowledgements) held.add("(SELECT count(*) FROM d) = ?");
            if (marks) held.add("(SELECT count(*) FROM k WHERE id = ANY(?)) = ?");
            rows.add("SELECT 'G' AS kind, CAST(NULL AS varchar) AS destination, CAST(1 / CASE WHEN "
                    + String.join(" AND ", held) + " THEN 1 ELSE 0 END AS bigint) AS n");
        }
        if (acknowledgements) rows.add("SELECT 'A', destination, count(*) FROM d GROUP BY destination");
        if (notification) rows.add("SELECT 'N', CAST(NULL AS varchar), CAST(NULL AS bigint) FROM (SELECT pg_notify('"
                + PostgresDialect.CHANNEL + "', CAST(? AS text))) n");
        return "WITH " + String.join(", ", ctes) + " " + String.join(" UNION ALL ", rows);
    }

    /**
     * Whether {@link #write} can take the group: every send a queue message (a topic's fan-out is
     * {@link PostgresPublish}'s; a temporary destination's existence is checked under a lock that must last until the
     * rows commit), and no row both acknowledged and marked.
     */
    static boolean takes(List<WorkUnit> units) {
        if (units.isEmpty()) return false;
        Set<Long> acknowledged = new HashSet<>();
        for (WorkUnit u : units) {
            for (OutgoingMessage m : u.sends) {
                if (m.topic() || MessageWriter.isTemporary(m.destination())) return false;
            }
            for (long id : u.acknowledgements) acknowledged.add(id);
        }
        if (acknowledged.isEmpty()) return true;
        for (WorkUnit u : units) {
            for (long id : u.deliveries) if (acknowledged.contains(id)) return false;
            for (long id : u.deliveriesAhead) if (acknowledged.contains(id)) return false;
        }
        return true;
    }

    /**
     * Writes the group {@link #takes} accepted, as the portable path would: adds the queues written to
     * {@code destinations} (and announces them, from {@code node}) and counts the acknowledged rows per destination
     * into {@code acknowledged}. Returns false, having written nothing, when a row acknowledged or required to be
     * marked is no longer this node's: the statement failed as a whole (the portable path then finds which unit).
     */
    static boolean write(Connection c, List<WorkUnit> units, long now, String node, boolean notify, Set<String> destinations,
                         Map<String, Integer> acknowledged) throws SQLException {
        int sends = 0, acks = 0;
        Set<Long> required = new LinkedHashSet<>();
        Set<Long> marks = new LinkedHashSet<>();
        for (WorkUnit u : units) {
            sends += u.sends.size();
            acks += u.acknowledgements.length;
            for (long id : u.deliveries) required.add(id);
        }
        marks.addAll(required);
        for (WorkUnit u : units) for (long id : u.deliveriesAhead) marks.add(id);
        List<OutgoingMessage> messages = new ArrayList<>(sends);
        Long[] ackIds = new Long[acks];
        int a = 0;
        Set<String> written = new LinkedHashSet<>();
        for (WorkUnit u : units) {
            for (OutgoingMessage m : u.sends) {
                messages.add(m);
                written.add(m.destination());
            }
            for (long id : u.acknowledgements) ackIds[a++] = id;
        }
        String notification = written.isEmpty() || !notify ? null : Arrivals.payload(node, written);
        String sql = statement(!messages.isEmpty(), acks > 0, !marks.isEmpty(), notification != null);
        Map<String, Integer> counted = new HashMap<>();
        if (sql == null) return true; // nothing to write
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            if (!messages.isEmpty()) p = new MessageArrays(messages, now).bind(ps, p);
            if (acks > 0) {
                ps.setString(p++, node);
                ps.setArray(p++, c.createArrayOf("int8", ackIds));
            }
            if (!marks.isEmpty()) {
                ps.setString(p++, node);
                ps.setArray(p++, c.createArrayOf("int8", marks.toArray(new Long[0])));
            }
            if (acks > 0) ps.setInt(p++, acks);
            if (!marks.isEmpty()) {
                ps.setArray(p++, c.createArrayOf("int8", required.toArray(new Long[0])));
                ps.setInt(p++, required.size());
            }
            if (notification != null) ps.setString(p, notification);
            if (ps.execute()) {
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        if ("A".equals(rs.getString(1))) {
                            counted.merge(rs.getString(2), (int) rs.getLong(3), Integer::sum);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            if (LEASE_CHECK_FAILED.equals(e.getSQLState())) return false;
            throw e;
        }
        counted.forEach((d, n) -> acknowledged.merge(d, n, Integer::sum));
        destinations.addAll(written);
        return true;
    }

    private PostgresGroupWrite() {
    }
}
