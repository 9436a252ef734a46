package org.rowmq.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The sample_audit table: one row per event the audit bean received. */
@Stateless
public class AuditTrail {

    /** One event of one order, as the audit bean received it. */
    public record Entry(String eventType, long orderId, int deliveryCount) {
    }

    @Resource(lookup = Resources.ORDERS_DATASOURCE)
    DataSource db;

    public void record(Deliveries d) {
        Sql.update(db, "INSERT INTO sample_audit (event_type, order_id, message_id, delivery_count, recorded_at)"
                + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)", d.eventType(), d.orderId(), d.messageId(), d.deliveryCount());
    }

    public Map<String, Long> countByType() {
        Map<String, Long> counts = new TreeMap<>();
        for (Event e : Event.values()) {
            counts.put(e.type(), 0L);
        }
        Sql.query(db, "SELECT event_type, COUNT(*) FROM sample_audit GROUP BY event_type",
                rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    /** (event type, order) pairs recorded more than once: a message delivered twice would show here. */
    public long duplicates() {
        return Sql.count(db, "SELECT COUNT(*) FROM (SELECT event_type, order_id FROM sample_audit"
                + " GROUP BY event_type, order_id HAVING COUNT(*) > 1) d");
    }

    public List<Entry> forOrder(long orderId) {
        return Sql.query(db, "SELECT event_type, order_id, delivery_count FROM sample_audit WHERE order_id = ?"
                + " ORDER BY id", rs -> new Entry(rs.getString(1), rs.getLong(2), rs.getInt(3)), orderId);
    }
}
