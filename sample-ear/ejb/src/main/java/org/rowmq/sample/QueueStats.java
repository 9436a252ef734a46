package org.rowmq.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Depth, in-flight and dead-letter counts of the application's queues and subscriptions, read with plain SQL from
 * RowMQ's tables in the orders database: with RowMQ a message is a row an operator can count like any other.
 * <p>
 * A queue message is one row of rowmq_message (state 0 ready, 1 in flight, 2 and 3 held by a prepared XA branch); a
 * subscription is an internal queue named rowmq.sub.&lt;id&gt;; a dead-lettered message sits in the queue DLQ with
 * the queue it came from in original_destination.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QueueStats {

    /** One queue or subscription. */
    public record Depth(String name, String kind, long ready, long inFlight, long deadLettered) {
    }

    private static final String SUBSCRIPTION_QUEUE_PREFIX = "rowmq.sub.";

    @Resource(lookup = Resources.ORDERS_DATASOURCE)
    DataSource db;

    /** The application's queues, its subscriptions, then the dead-letter queue; all zero before RowMQ's first use. */
    public List<Depth> depths() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(Resources.ORDERS_QUEUE, "queue");
        names.put(Resources.STOCK_QUEUE, "queue");
        names.put(Resources.COMPENSATIONS_QUEUE, "queue");
        Map<String, String> labels = new HashMap<>();
        Map<String, long[]> counts = new HashMap<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, topic, name, durable, shared FROM rowmq_subscription"
                    + " ORDER BY topic, name")) {
                while (rs.next()) {
                    String queue = SUBSCRIPTION_QUEUE_PREFIX + rs.getLong(1);
                    names.put(queue, (rs.getBoolean(5) ? "shared " : "") + (rs.getBoolean(4) ? "durable " : "")
                            + "subscription");
                    labels.put(queue, rs.getString(2) + " / " + rs.getString(3));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT destination, state, COUNT(*) FROM rowmq_message"
                    + " GROUP BY destination, state")) {
                while (rs.next()) {
                    long[] c3 = counts.computeIfAbsent(rs.getString(1), k -> new long[3]);
                    c3[rs.getInt(2) == 0 ? 0 : 1] += rs.getLong(3);
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT original_destination, COUNT(*) FROM rowmq_message"
                    + " WHERE destination = 'DLQ' GROUP BY original_destination")) {
                while (rs.next()) {
                    counts.computeIfAbsent(rs.getString(1), k -> new long[3])[2] += rs.getLong(2);
                }
            }
        } catch (SQLException e) {
            // RowMQ creates its tables on first use; until then every count is zero.
            counts.clear();
        }
        names.put(Resources.DEAD_LETTER_QUEUE, "dead-letter queue");
        List<Depth> depths = new ArrayList<>();
        names.forEach((queue, kind) -> {
            long[] c3 = counts.getOrDefault(queue, new long[3]);
            depths.add(new Depth(labels.getOrDefault(queue, queue), kind, c3[0], c3[1], c3[2]));
        });
        return depths;
    }
}
