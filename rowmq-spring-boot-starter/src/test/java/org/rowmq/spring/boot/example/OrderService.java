package org.rowmq.spring.boot.example;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The order endpoint's work: the order's row and the message that asks for its confirmation, both or neither. */
@Service
public class OrderService {
    public static final String ORDERS = "orders";
    /** Orders above this amount are refused by the (simulated) payment check. */
    public static final int CREDIT_LIMIT = 1_000;

    private final JdbcTemplate jdbc;
    private final JmsTemplate jms;

    public OrderService(JdbcTemplate jdbc, JmsTemplate jms) {
        this.jdbc = jdbc;
        this.jms = jms;
    }

    public void createTable() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS example_order (id VARCHAR(64) PRIMARY KEY, status VARCHAR(32) NOT NULL)");
    }

    /**
     * Places an order. The payment is checked last, after the row and the message, so that a refusal shows both
     * taken back by the transaction's rollback.
     */
    @Transactional
    public void place(String id, int amount) {
        jdbc.update("INSERT INTO example_order (id, status) VALUES (?, ?)", id, "PLACED");
        jms.convertAndSend(ORDERS, id);
        if (amount > CREDIT_LIMIT)
            throw new PaymentRefusedException("payment of " + amount + " refused for order " + id
                    + ": over the credit limit of " + CREDIT_LIMIT);
    }

    /** The order's status, or null when it has no row. */
    public String status(String id) {
        return jdbc.query("SELECT status FROM example_order WHERE id = ?",
                rs -> rs.next() ? rs.getString(1) : null, id);
    }
}
