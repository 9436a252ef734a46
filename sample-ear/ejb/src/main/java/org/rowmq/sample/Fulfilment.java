package org.rowmq.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;

import javax.sql.DataSource;

/** Reservations and shipments: the rows the inventory and shipping beans write, one per order at most. */
@Stateless
public class Fulfilment {

    @Resource(lookup = Resources.ORDERS_DATASOURCE)
    DataSource db;

    public void reserve(long orderId, String item, int quantity) {
        Sql.update(db, "INSERT INTO sample_reservation (order_id, item, quantity, reserved_at)"
                + " VALUES (?, ?, ?, CURRENT_TIMESTAMP)", orderId, item, quantity);
    }

    public void ship(long orderId) {
        Sql.update(db, "INSERT INTO sample_shipment (order_id, shipped_at) VALUES (?, CURRENT_TIMESTAMP)", orderId);
    }

    public long reservations() {
        return Sql.count(db, "SELECT COUNT(*) FROM sample_reservation");
    }

    /** Units reserved of one item, to reconcile with its stock. */
    public long reservedUnits(String item) {
        return Sql.count(db, "SELECT COALESCE(SUM(quantity), 0) FROM sample_reservation WHERE item = ?", item);
    }

    public long shipments() {
        return Sql.count(db, "SELECT COUNT(*) FROM sample_shipment");
    }
}
