package org.rowmq.sample;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** One row of sample_order. */
public record Order(long id, String customer, String item, int quantity, String card, long amountCents,
                    OrderState state, Instant placedAt, Instant updatedAt) {

    static final String COLUMNS = "id, customer, item, quantity, card, amount_cents, state, placed_at, updated_at";

    static Order of(ResultSet rs) throws SQLException {
        return new Order(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getLong(6), OrderState.valueOf(rs.getString(7)), rs.getTimestamp(8).toInstant(),
                rs.getTimestamp(9).toInstant());
    }
}
