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
 * both acknowledged and marked by one group (PostgreSQL would apply only one of the two, unpredictably); such a group
 * takes the portable path. A group that publishes to topics carries {@link PostgresPublish}'s common table
 * expressions too. A lease lost (a row this node no longer holds) fails the statement as a whole, so that nothing of
 * the group is written; so does a subscription with a selector that the publishers have not judged (created since they
 * last looked), whose rows the portable path writes after its publish statement, in the same transaction.
 */
final class PostgresGroupWrite {

    /** division_by_zero: the statement's check (leases, judged subscriptions) failed; nothing else in it divides. */
    private static final String LEASE_CHECK_FAILED = "22012";

    /**
     * The group's statement, of the parts it needs. PostgreSQL sets up every part of a statement at each execution,
     * those with nothing to do included: one connection writing one message per statement ran 2,500-2,800 of the
     * statement with every part a second, 3,300-3,700 of the INSERT alone. So a producer's group is its INSERT alone,
     * a consumer's its DELETEs alone; each of the few combinations is prepared once per connection.
     */
    private static final String[] STATEMENTS = new String[32];

    static {
        for (int parts = 0; parts < STATEMENTS.length; parts++) {
            STATEMENTS[parts] = compose((parts & 1) != 0, (parts & 2) != 0, (parts & 4) != 0, (parts & 8) != 0,
                    (parts & 16) != 0);
        }
    }

    /** The statement of the parts given; its parameters are bound in {@link #write}'s order. */
    static String statement(boolean sends, boolean acknowledgements, boolean marks, boolean notification,
                            boolean publishes) {
        return STATEMENTS[(sends ? 1 : 0) | (acknowledgements ? 2 : 0) | (marks ? 4 : 0) | (notification ? 8 : 0)
                | (publishes ? 16 : 0)];
    }

    private static String compose(boolean sends, boolean acknowledgements, boolean marks, boolean notification,
                                  boolean publishes) {
        // Rows are inserted in the group's order (ORDER BY the ordinality), so their ids follow it as with the batch.
        String insert = "INSERT INTO rowmq_message (destination, priority, state, visible_at, expires_at,"
                + " delivery_count, payload, group_id, group_end) SELECT destination, priority, " + RowState.READY
                + ", visible_at, expires_at, 0, payload, group_id, group_end FROM " + MessageArrays.UNNEST
                + " AS u(destination, priority, visible_at, expires_at, payload, group_id, group_end, ord) ORDER BY ord";
        if (!acknowledgements && !marks && !notification && !publishes) return sends ? insert : null;
        List<String> ctes = new ArrayList<>();
        if (sends) ctes.add("m AS (" + insert + ")");
        if (publishes) ctes.add(PostgresPublish.CTES);
        if (acknowledgements) ctes.add(PostgresDialect.ACKNOWLEDGED_CTES);
        // Marks required and marks written ahead are one UPDATE; the lease check below counts the required ones.
        if (marks) ctes.add("k AS (UPDATE rowmq_message SET delivered = 1 WHERE " + Dialect.HELD_IN_FLIGHT
                + " AND id = ANY(?) RETURNING id)");
        // Rows of five columns (kind, count or id, destination, selector, no_local): the publish's rows have them all.
        String more = publishes ? ", CAST(NULL AS varchar), CAST(NULL AS varchar)" : "";
        List<String> rows = new ArrayList<>();
        if (acknowledgements || marks || publishes) {
            // The check: an acknowledged row or a row to be marked that this node no longer holds, or a subscription
            // the publishers did not judge, fails the statement (division by zero): its implicit transaction writes
            // nothing.
            List<String> held = new ArrayList<>();
            if (acknowledgements) held.add("(SELECT count(*) FROM d) = ?");
            if (marks) held.add("(SELECT count(*) FROM k WHERE id = ANY(?)) = ?");
            if (publishes) held.add(PostgresPublish.ALL_JUDGED);
            rows.add("SELECT 'G' AS kind, CAST(1 / CASE WHEN " + String.join(" AND ", held)
                    + " THEN 1 ELSE 0 END AS bigint) AS n, CAST(NULL AS varchar) AS destination" + more);
        }
        if (acknowledgements) rows.add("SELECT 'A', count(*), destination" + more + " FROM d GROUP BY destination");
        if (publishes) {
            rows.add(PostgresPublish.OUTCOME_ROWS);
            if (notification) rows.add(PostgresPublish.NOTIFICATION_ROW);
        } else if (notification) {
            rows.add("SELECT 'N', CAST(NULL AS bigint), CAST(NULL AS varchar) FROM (SELECT pg_notify('"
                    + PostgresDialect.CHANNEL + "', CAST(? AS text))) n");
        }
        return "WITH " + String.join(", ", ctes) + " " + String.join(" UNION ALL ", rows);
    }

    /**
     * Whether {@link #write} can take the group: no send to a temporary destination (its existence is checked under
     * a lock that must last until the rows commit), and no row both acknowledged and marked.
     */
    static boolean takes(List<WorkUnit> units) {
        if (units.isEmpty()) return false;
        Set<Long> acknowledged = new HashSet<>();
        for (WorkUnit u : units) {
            for (OutgoingMessage m : u.sends) {
                if (MessageWriter.isTemporary(m.destination())) return false;
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
     * Writes the group {@link #takes} accepted, as the portable path would: adds the queues and topics written and
     * the subscription queues that got rows to {@code destinations} (and announces them, from {@code node}), counts
     * the acknowledged rows per destination into {@code acknowledged}, and has {@code publish} remember the
     * subscriptions with selectors it found. Returns false, having written nothing, when a row acknowledged or
     * required to be marked is no longer this node's, or a subscription with a selector was not judged: the statement
     * failed as a whole (the portable path then finds which unit, or judges the subscription).
     */
    static boolean write(Connection c, List<WorkUnit> units, long now, String node, boolean notify, Set<String> destinations,
                         Map<String, Integer> acknowledged, PostgresPublish publish) throws SQLException {
        int acks = 0;
        Set<Long> required = new LinkedHashSet<>();
        Set<Long> marks = new LinkedHashSet<>();
        for (WorkUnit u : units) {
            acks += u.acknowledgements.length;
            for (long id : u.deliveries) required.add(id);
        }
        marks.addAll(required);
        for (WorkUnit u : units) for (long id : u.deliveriesAhead) marks.add(id);
        List<OutgoingMessage> messages = new ArrayList<>();
        List<PostgresPublish.Published> published = new ArrayList<>();
        Long[] ackIds = new Long[acks];
        int a = 0;
        Set<String> written = new LinkedHashSet<>();
        for (WorkUnit u : units) {
            for (OutgoingMessage m : u.sends) {
                if (m.topic()) {
                    published.add(new PostgresPublish.Published(m, u.selections));
                } else {
                    messages.add(m);
                }
                written.add(m.destination());
            }
            for (long id : u.acknowledgements) ackIds[a++] = id;
        }
        PostgresPublish.Publication publication = published.isEmpty() ? null : new PostgresPublish.Publication(published);
        String notification = written.isEmpty() || !notify ? null : Arrivals.payload(node, written);
        String sql = statement(!messages.isEmpty(), acks > 0, !marks.isEmpty(), notification != null,
                publication != null);
        Map<String, Integer> counted = new HashMap<>();
        if (sql == null) return true; // nothing to write
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            if (!messages.isEmpty()) p = new MessageArrays(messages, now).bind(ps, p);
            if (publication != null) p = publication.bind(c, ps, p, now);
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
            if (publication != null) p = publication.bindJudged(c, ps, p);
            if (notification != null) {
                ps.setString(p++, notification);
                if (publication != null) ps.setString(p, Arrivals.everywhere(node));
            }
            if (ps.execute()) {
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        if (publication != null && publication.read(rs)) continue;
                        if ("A".equals(rs.getString(1))) {
                            counted.merge(rs.getString(3), (int) rs.getLong(2), Integer::sum);
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
        if (publication != null) {
            publish.remember(publication);
            destinations.addAll(publication.written);
        }
        return true;
    }

    private PostgresGroupWrite() {
    }
}
