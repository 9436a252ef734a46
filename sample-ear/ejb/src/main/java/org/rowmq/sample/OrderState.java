package org.rowmq.sample;

/** The life of an order. SHIPPED, PAYMENT_FAILED and CANCELLED are final. */
public enum OrderState {
    PLACED, PAID, PAYMENT_FAILED, RESERVED, COMPENSATING, CANCELLED, SHIPPED;

    public boolean isFinal() {
        return this == SHIPPED || this == PAYMENT_FAILED || this == CANCELLED;
    }
}
