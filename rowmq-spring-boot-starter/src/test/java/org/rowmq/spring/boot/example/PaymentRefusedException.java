package org.rowmq.spring.boot.example;

/** The order's payment was refused; unchecked, so that the order's transaction rolls back. */
public class PaymentRefusedException extends RuntimeException {
    public PaymentRefusedException(String message) {
        super(message);
    }
}
