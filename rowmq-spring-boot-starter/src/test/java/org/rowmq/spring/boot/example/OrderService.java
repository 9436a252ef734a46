package org.rowmq.spring.boot.example;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The order endpoint's work: the order's row and the message that asks for its confirmation, both or neither. */
@Service
public class OrderService {
    public static final String ORDERS = "orders";

    private final JdbcTemplate jdbc;
    private final JmsTemplate jms;

    public OrderService(JdbcTemplate jdbc, JmsTemplate jms) {
        this.jdbc = jdbc;
        this.jms = jms;
    }

    public void createTable() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS example_order (id VARCHAR(64) PRIMARY KEY, status VARCHAR(32) NOT NULL)");
    }

    /** Places an order; a refused payment throws after the row and the message, and takes both back. */
    @Transactional
    public void place(String id, boolean paymentRefused) {
        jdbc.update("INSERT INTO example_order (id, status) VALUES (?, ?)", id, "PLACED");
        jms.convertAndSend(ORDERS, id);
        if (paymentRefused) throw new IllegalStateException("payment refused for order " + id);
    }

    /** The order's status, or null when it has no row. */
    public String status(String id) {
        return jdbc.query("SELECT status FROM example_order WHERE id = ?",
                rs -> rs.next() ? rs.getString(1) : null, id);
    }
}
