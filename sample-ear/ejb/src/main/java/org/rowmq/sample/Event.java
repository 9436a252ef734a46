package org.rowmq.sample;

/**
 * The events of the scenario and where each one goes besides the events topic: a work queue when one bean must act on
 * it exactly once.
 */
public enum Event {
    ORDER_CREATED("OrderCreated", Resources.ORDERS_QUEUE),
    PAYMENT_COMPLETED("PaymentCompleted", Resources.STOCK_QUEUE),
    PAYMENT_FAILED("PaymentFailed", null),
    STOCK_RESERVED("StockReserved", null),
    STOCK_SHORT("StockShort", Resources.COMPENSATIONS_QUEUE),
    PAYMENT_REFUNDED("PaymentRefunded", null),
    ORDER_CANCELLED("OrderCancelled", null),
    ORDER_SHIPPED("OrderShipped", null);

    private final String type;
    private final String workQueue;

    Event(String type, String workQueue) {
        this.type = type;
        this.workQueue = workQueue;
    }

    /** The value of the {@code eventType} property. */
    public String type() {
        return type;
    }

    /** The queue a bean consumes it from, or null when it is only published on the events topic. */
    public String workQueue() {
        return workQueue;
    }
}
