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
 * queue with the reason recorded). Shared by release and by reaping a dead node. Every return clears the row's
 * delivered mark, which its next holder sets again. Runs in the caller's transaction.
 */
final class Redelivery {

    /**
     * An in-flight row as locked for redelivery; {@code delivered} when its holder marked it handed to the application
     * ({@link MessageWriter#markDelivered}); {@code claim} the id of the claim that took it ({@link CutReleases}).
     */
    record InFlight(long id, String destination, int deliveryCount, boolean delivered, long claim) {

        /** A row read without its claim, by a caller that does not need it. */
        InFlight(long id, String destination, int deliveryCount, boolean delivered) {
            this(id, destination, deliveryCount, delivered, 0);
        }
    }

    private final Dialect dialect;
    private final Destinations destinations;
    private final StoreMetrics metrics;

    Redelivery(Dialect dialect, Destinations destinations, StoreMetrics metrics) {
        this.dialect = dialect;
        this.destinations = destinations;
        this.metrics = metrics;
    }

    /** Locks the rows among {@code ids} that {@code node} holds in flight. */
    List<InFlight> lockOwned(Connection c, String node, long[] ids) throws SQLException {
        List<InFlight> rows = new ArrayList<>();
        Jdbc.inChunks(ids.length, dialect.maxIdsPerStatement(), (from, to) -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, destination, delivery_count, delivered, claim_id FROM rowmq_message"
                    + " WHERE " + Dialect.HELD_IN_FLIGHT + " AND " + dialect.idIn("id", to - from) + " FOR UPDATE")) {
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
        try (PreparedStatement ps = c.prepareStatement("SELECT id, destination, delivery_count, delivered, claim_id FROM rowmq_message"
                + " WHERE state = " + RowState.IN_FLIGHT + " AND owner_node = ? FOR UPDATE")) {
            ps.setString(1, node);
            read(ps, rows);
        }
        return rows;
    }

    private static void read(PreparedStatement ps, List<InFlight> rows) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new InFlight(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4) != 0, rs.getLong(5)));
            }
        }
    }

    /**
     * A dead node's rows: those it marked delivered come back with the delivery count raised (flagged redelivered),
     * those it only prefetched untouched. Returns the destinations touched.
     */
    Set<String> returnFromDeadNode(Connection c, List<InFlight> rows, long now) throws SQLException {
        List<InFlight> delivered = new ArrayList<>();
        List<InFlight> prefetched = new ArrayList<>();
        for (InFlight r : rows) (r.delivered() ? delivered : prefetched).add(r);
        Set<String> touched = new LinkedHashSet<>();
        if (!prefetched.isEmpty()) touched.addAll(returnUntouched(c, prefetched));
        if (!delivered.isEmpty()) touched.addAll(redeliver(c, delivered, now));
        return touched;
    }

    /** Back to ready, delivery count unchanged. Returns the destinations that got ready rows. */
    Set<String> returnUntouched(Connection c, List<InFlight> rows) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        for (InFlight r : rows) names.add(r.destination());
        dialect.updateIds(c, "UPDATE rowmq_message SET state = " + RowState.READY + ", owner_node = NULL, delivered = 0 WHERE ",
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
                // Without a delay the row keeps its visible time (already past): stamped with this node's clock, it
                // was hidden for a moment from a claim that read its clock a millisecond earlier, which then took the
                // row's untouched neighbours without it.
                boolean delayed = !s.redeliveryDelay().isZero();
                long visibleAt = now + s.redeliveryDelay().toMillis();
                dialect.updateIds(c, "UPDATE rowmq_message SET state = " + RowState.READY + ", owner_node = NULL,"
                        + " delivered = 0, delivery_count = delivery_count + 1" + (delayed ? ", visible_at = ?" : "")
                        + " WHERE ", again.stream().mapToLong(InFlight::id).toArray(), ps -> {
                            if (!delayed) return 1;
                            ps.setLong(1, visibleAt);
                            return 2;
                        });
                touched.add(destination);
                metrics.redelivered(destination, again.size());
            }
            if (!dead.isEmpty()) {
                // The original destination is bound, not read from the row: MariaDB evaluates SET from left to right.
                try (PreparedStatement ps = c.prepareStatement("UPDATE rowmq_message SET state = " + RowState.READY + ", owner_node = NULL,"
                        + " delivered = 0, delivery_count = delivery_count + 1, visible_at = ?, destination = ?,"
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
