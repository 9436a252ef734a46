package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Returns in-flight rows to ready: untouched after a prefetch, or with the delivery count raised after a delivery
 * (the destination's redelivery delay applies, and a row reaching its maximum deliveries moves to the dead-letter
 * queue with the reason recorded). Shared by release and by reaping a dead node. Runs in the caller's transaction.
 */
final class Redelivery {

    /** An in-flight row as locked for redelivery. */
    record InFlight(long id, String destination, int deliveryCount) {
    }

    private final Dialect dialect;
    private final Destinations destinations;
    volatile StoreMetrics metrics = StoreMetrics.NONE;

    Redelivery(Dialect dialect, Destinations destinations) {
        this.dialect = dialect;
        this.destinations = destinations;
    }

    /** Locks the rows among {@code ids} that {@code node} holds in flight. */
    List<InFlight> lockOwned(Connection c, String node, long[] ids) throws SQLException {
        List<InFlight> rows = new ArrayList<>();
        Jdbc.inChunks(ids.length, dialect.maxIdsPerStatement(), (from, to) -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, destination, delivery_count FROM rowmq_message"
                    + " WHERE owner_node = ? AND state = " + RowState.IN_FLIGHT + " AND " + dialect.idIn("id", to - from) + " FOR UPDATE")) {
                ps.setString(1, node);
                dialect.bindIds(ps, 2, ids, from, to);
                read(ps, rows);
                return 0;
            }
        });
        return rows;
    }

    /** Locks every row {@code node} holds in flight (reaping: a scan, but only when a node died). */
    List<InFlight> lockAllOwned(Connection c, String node) throws SQLException {
        List<InFlight> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, destination, delivery_count FROM rowmq_message"
                + " WHERE state = " + RowState.IN_FLIGHT + " AND owner_node = ? FOR UPDATE")) {
            ps.setString(1, node);
            read(ps, rows);
        }
        return rows;
    }

    private static void read(PreparedStatement ps, List<InFlight> rows) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) rows.add(new InFlight(rs.getLong(1), rs.getString(2), rs.getInt(3)));
        }
    }

    /** Back to ready, delivery count unchanged. Returns the destinations that got ready rows. */
    Set<String> returnUntouched(Connection c, List<InFlight> rows) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        for (InFlight r : rows) names.add(r.destination());
        dialect.updateIds(c, "UPDATE rowmq_message SET state = " + RowState.READY + ", owner_node = NULL WHERE ",
                rows.stream().mapToLong(InFlight::id).toArray(), ps -> 1);
        return names;
    }

    /** Back to ready with the delivery count raised, or to the dead-letter queue. Returns the destinations touched. */
    Set<String> redeliver(Connection c, List<InFlight> rows, long now) throws SQLException {
        Map<String, List<InFlight>> byDestination = new LinkedHashMap<>();
        for (InFlight r : rows) byDestination.computeIfAbsent(r.destination(), k -> new ArrayList<>()).add(r);
        Set<String> touched = new LinkedHashSet<>();
        for (Map.Entry<String, List<InFlight>> e : byDestination.entrySet()) {
            String destination = e.getKey();
            DestinationSettings s = destinations.settings(c, destination);
            List<InFlight> again = new ArrayList<>();
            List<InFlight> dead = new ArrayList<>();
            for (InFlight r : e.getValue()) {
                boolean inItsDeadLetterQueue = destination.equals(s.deadLetterQueue());
                (r.deliveryCount() + 1 >= s.maxDeliveries() && !inItsDeadLetterQueue ? dead : again).add(r);
            }
            if (!again.isEmpty()) {
                long visibleAt = now + s.redeliveryDelay().toMillis();
                dialect.updateIds(c, "UPDATE rowmq_message SET state = " + RowState.READY + ", owner_node = NULL,"
                        + " delivery_count = delivery_count + 1, visible_at = ? WHERE ",
                        again.stream().mapToLong(InFlight::id).toArray(), ps -> {
                            ps.setLong(1, visibleAt);
                            return 2;
                        });
                touched.add(destination);
                metrics.redelivered(destination, again.size());
            }
            if (!dead.isEmpty()) {
                // The original destination is bound, not read from the row: MariaDB evaluates SET from left to right.
                try (PreparedStatement ps = c.prepareStatement("UPDATE rowmq_message SET state = " + RowState.READY + ", owner_node = NULL,"
                        + " delivery_count = delivery_count + 1, visible_at = ?, destination = ?,"
                        + " original_destination = COALESCE(original_destination, ?), dead_letter_reason = ? WHERE id = ?")) {
                    for (InFlight r : dead) {
                        ps.setLong(1, now);
                        ps.setString(2, s.deadLetterQueue());
                        ps.setString(3, destination);
                        ps.setString(4, "delivery count " + (r.deliveryCount() + 1) + " reached the maximum of "
                                + s.maxDeliveries() + " deliveries for queue '" + destination + "'");
                        ps.setLong(5, r.id());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                touched.add(s.deadLetterQueue());
                metrics.deadLettered(destination, dead.size());
            }
        }
        return touched;
    }
}
