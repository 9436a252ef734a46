package org.rowmq.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;

import javax.sql.DataSource;
import java.util.List;
import java.util.Optional;

/** The sample_stock table: prices and what is left to sell. */
@Stateless
public class Catalogue {

    /** One item of the catalogue. */
    public record Item(String item, long priceCents, int available, int initialStock) {
    }

    @Resource(lookup = Resources.ORDERS_DATASOURCE)
    DataSource db;

    public List<Item> items() {
        return Sql.query(db, "SELECT item, price_cents, available, initial_stock FROM sample_stock ORDER BY item",
                rs -> new Item(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getInt(4)));
    }

    public Optional<Item> item(String name) {
        return items().stream().filter(i -> i.item().equals(name)).findFirst();
    }

    /** Takes {@code quantity} off the stock if that much is left; false (nothing changed) when it is short. */
    public boolean reserve(String item, int quantity) {
        return Sql.update(db, "UPDATE sample_stock SET available = available - ? WHERE item = ? AND available >= ?",
                quantity, item, quantity) == 1;
    }
}
