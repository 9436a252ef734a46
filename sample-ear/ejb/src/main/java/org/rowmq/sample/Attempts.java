package org.rowmq.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The deliveries that failed or were retried, written in a transaction of their own (REQUIRES_NEW): the delivery's
 * transaction rolls back, and this row is how the page can still show that attempt and its delivery count.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Attempts {

    /** One failed or retried delivery. */
    public record Attempt(String step, long orderId, int deliveryCount, String outcome, Instant at) {
    }

    /** How the beans begin the outcome of a delivery whose work was already done. */
    public static final String ALREADY = "order already ";

    @Resource(lookup = Resources.ORDERS_DATASOURCE)
    DataSource db;

    public void record(String step, Deliveries d, String outcome) {
        String trimmed = outcome.length() > 500 ? outcome.substring(0, 500) : outcome;
        Sql.update(db, "INSERT INTO sample_attempt (step, order_id, delivery_count, outcome, attempted_at)"
                + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)", step, d.orderId(), d.deliveryCount(), trimmed);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Attempt> recent(int limit) {
        return Sql.query(db, "SELECT step, order_id, delivery_count, outcome, attempted_at FROM sample_attempt"
                        + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY",
                rs -> new Attempt(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getString(4),
                        toInstant(rs.getTimestamp(5))), limit);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long count(String step, long orderId) {
        return Sql.count(db, "SELECT COUNT(*) FROM sample_attempt WHERE step = ? AND order_id = ?", step, orderId);
    }

    /** Deliveries that found the order already past their step (written by the beans as "order already ..."). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long countRedundant() {
        return Sql.count(db, "SELECT COUNT(*) FROM sample_attempt WHERE outcome LIKE ?", ALREADY + "%");
    }

    private static Instant toInstant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
