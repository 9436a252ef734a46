package org.rowmq.sample;

/** A failure injected from the page: a system exception, so the container rolls the delivery's transaction back. */
public class InjectedFault extends RuntimeException {
    public InjectedFault(String message) {
        super(message);
    }
}
