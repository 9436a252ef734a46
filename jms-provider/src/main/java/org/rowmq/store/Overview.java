package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The read-only listings of {@link StoreAdmin}: subscriptions, nodes, traffic and prepared XA branches. Takes no locks. */
final class Overview {

    private final DatabaseClock clock;

    Overview(DatabaseClock clock) {
        this.clock = clock;
    }

    List<StoreAdmin.SubscriptionStatus> subscriptions(Connection c) throws SQLException {
        long now = clock.now();
        Map<String, long[]> queues = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT destination,"
                + " SUM(CASE WHEN state = " + RowState.READY + " THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN state = " + RowState.IN_FLIGHT + " THEN 1 ELSE 0 END),"
                + " MIN(visible_at) FROM rowmq_message WHERE destination LIKE ? GROUP BY destination")) {
            ps.setString(1, Subscription.QUEUE_PREFIX + "%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    queues.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3), Math.max(0, now - rs.getLong(4))});
                }
            }
        }
        List<StoreAdmin.SubscriptionStatus> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.topic, s.name, s.client_id, s.durable, s.shared,"
                + " s.selector, (SELECT COUNT(*) FROM rowmq_subscriber r WHERE r.subscription_id = s.id), s.last_active"
                + " FROM rowmq_subscription s ORDER BY s.topic, s.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                long[] q = queues.getOrDefault(Subscription.QUEUE_PREFIX + id, new long[]{0, 0, -1});
                long lastActive = rs.getLong(9);
                long lastActivityAge = rs.wasNull() ? -1 : Math.max(0, now - lastActive);
                result.add(new StoreAdmin.SubscriptionStatus(id, rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getBoolean(6), rs.getString(7), rs.getInt(8), q[0], q[1], q[2],
                        lastActivityAge));
            }
        }
        return result;
    }

    List<StoreAdmin.NodeStatus> nodes(Connection c) throws SQLException {
        long now = clock.now();
        Map<String, Long> inFlight = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT owner_node, COUNT(*) FROM rowmq_message WHERE state = "
                + RowState.IN_FLIGHT + " GROUP BY owner_node");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) inFlight.put(rs.getString(1), rs.getLong(2));
        }
        List<StoreAdmin.NodeStatus> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, started, heartbeat, lease_ms, life_token FROM rowmq_node ORDER BY started, id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long age = Math.max(0, now - rs.getLong(3));
                long lease = rs.getLong(4);
                result.add(new StoreAdmin.NodeStatus(rs.getString(1), rs.getLong(2), age, lease, rs.getInt(5) == 1,
                        age <= lease, inFlight.getOrDefault(rs.getString(1), 0L)));
            }
        }
        return result;
    }

    List<StoreAdmin.TrafficCount> traffic(Connection c) throws SQLException {
        List<StoreAdmin.TrafficCount> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT node, destination, sent, acknowledged FROM rowmq_node_traffic");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) result.add(new StoreAdmin.TrafficCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)));
        }
        return result;
    }

    List<StoreAdmin.BranchStatus> branches(Connection c) throws SQLException {
        long now = clock.now();
        List<StoreAdmin.BranchStatus> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, format_id, gtrid, bqual, node, prepared_at"
                + " FROM rowmq_xa_branch ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                BranchId xid = new BranchId(rs.getInt(2), rs.getBytes(3), rs.getBytes(4));
                result.add(new StoreAdmin.BranchStatus(id, xid, rs.getString(5), Math.max(0, now - rs.getLong(6)),
                        0, 0, List.of()));
            }
        }
        List<StoreAdmin.BranchStatus> withContents = new ArrayList<>();
        for (StoreAdmin.BranchStatus b : result) withContents.add(contents(c, b));
        return withContents;
    }

    private static StoreAdmin.BranchStatus contents(Connection c, StoreAdmin.BranchStatus b) throws SQLException {
        long sends = 0;
        long receives = 0;
        List<String> destinations = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT destination, state, COUNT(*) FROM rowmq_message"
                + " WHERE xa_branch = ? GROUP BY destination, state ORDER BY destination")) {
            ps.setLong(1, b.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!destinations.contains(rs.getString(1))) destinations.add(rs.getString(1));
                    if (rs.getInt(2) == RowState.HELD_SEND) sends += rs.getLong(3);
                    else receives += rs.getLong(3);
                }
            }
        }
        return new StoreAdmin.BranchStatus(b.id(), b.xid(), b.node(), b.ageMillis(), sends, receives, List.copyOf(destinations));
    }
}
