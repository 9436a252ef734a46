package org.rowmq.spring.boot.example;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Confirms orders: consumes the order's message, updates its row and replies, in the listener container's one
 * transaction. An order whose id starts with "poison" cannot be confirmed: each delivery rolls back (row unchanged, no
 * reply, message back in its queue) until the queue's max-deliveries sends it to the dead-letter queue.
 */
@Component
public class OrderListener {
    public static final String CONFIRMATIONS = "order-confirmations";

    private final JdbcTemplate jdbc;
    private final JmsTemplate jms;

    public OrderListener(JdbcTemplate jdbc, JmsTemplate jms) {
        this.jdbc = jdbc;
        this.jms = jms;
    }

    @JmsListener(destination = OrderService.ORDERS)
    public void confirm(String id) {
        jdbc.update("UPDATE example_order SET status = ? WHERE id = ?", "CONFIRMED", id);
        jms.convertAndSend(CONFIRMATIONS, "confirmed:" + id);
        if (id.startsWith("poison")) throw new IllegalStateException("order " + id + " cannot be confirmed");
    }
}
