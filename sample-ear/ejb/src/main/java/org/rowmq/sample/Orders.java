package org.rowmq.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;

import javax.sql.DataSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The sample_order table. State changes are guarded by the expected current state, so none is applied twice. */
@Stateless
public class Orders {

    @Resource(lookup = Resources.ORDERS_DATASOURCE)
    DataSource db;

    public long insert(String customer, String item, int quantity, String card, long amountCents) {
        return Sql.insert(db, "INSERT INTO sample_order (customer, item, quantity, card, amount_cents, state,"
                        + " placed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
                customer, item, quantity, card, amountCents, OrderState.PLACED.name());
    }

    public Optional<Order> find(long id) {
        return Sql.query(db, "SELECT " + Order.COLUMNS + " FROM sample_order WHERE id = ?", Order::of, id)
                .stream().findFirst();
    }

    /** Moves the order from one state to the next; false when it is not in {@code from} (already moved). */
    public boolean transition(long id, OrderState from, OrderState to) {
        return Sql.update(db, "UPDATE sample_order SET state = ?, updated_at = CURRENT_TIMESTAMP"
                + " WHERE id = ? AND state = ?", to.name(), id, from.name()) == 1;
    }

    public List<Order> recent(int limit) {
        return Sql.query(db, "SELECT " + Order.COLUMNS + " FROM sample_order ORDER BY id DESC FETCH FIRST ? ROWS ONLY",
                Order::of, limit);
    }

    public Map<OrderState, Long> countByState() {
        Map<OrderState, Long> counts = new EnumMap<>(OrderState.class);
        for (OrderState s : OrderState.values()) {
            counts.put(s, 0L);
        }
        Sql.query(db, "SELECT state, COUNT(*) FROM sample_order GROUP BY state",
                rs -> counts.put(OrderState.valueOf(rs.getString(1)), rs.getLong(2)));
        return counts;
    }

    /** Sum of the amounts of orders in a state, in cents. */
    public long amountIn(OrderState state) {
        return Sql.count(db, "SELECT COALESCE(SUM(amount_cents), 0) FROM sample_order WHERE state = ?", state.name());
    }
}
