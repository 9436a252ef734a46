package org.rowmq.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/** The sample_payment table in the separate payments database (an XA datasource). */
@Stateless
public class Payments {

    public static final String CHARGED = "CHARGED";
    public static final String DECLINED = "DECLINED";
    public static final String REFUNDED = "REFUNDED";

    @Resource(lookup = Resources.PAYMENTS_DATASOURCE)
    DataSource db;

    /**
     * Records the outcome of a charge. With {@code refuse} the amount is written as NULL, which the table's NOT NULL
     * constraint rejects: the failure is the database's own, as when a real database refuses a write.
     */
    public void record(long orderId, long amountCents, String state, boolean refuse) {
        Sql.update(db, "INSERT INTO sample_payment (order_id, amount_cents, state, charged_at)"
                + " VALUES (?, ?, ?, CURRENT_TIMESTAMP)", orderId, refuse ? null : amountCents, state);
    }

    /** Refunds a charged payment; false when there was none to refund. */
    public boolean refund(long orderId) {
        return Sql.update(db, "UPDATE sample_payment SET state = ?, refunded_at = CURRENT_TIMESTAMP"
                + " WHERE order_id = ? AND state = ?", REFUNDED, orderId, CHARGED) == 1;
    }

    /** Count and total amount (cents) per state. */
    public Map<String, long[]> totals() {
        Map<String, long[]> totals = new HashMap<>();
        for (String s : new String[]{CHARGED, DECLINED, REFUNDED}) {
            totals.put(s, new long[2]);
        }
        Sql.query(db, "SELECT state, COUNT(*), COALESCE(SUM(amount_cents), 0) FROM sample_payment GROUP BY state",
                rs -> totals.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)}));
        return totals;
    }
}
