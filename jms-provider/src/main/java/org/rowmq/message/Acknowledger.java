package org.rowmq.message;

import jakarta.jms.JMSException;

/** What {@link jakarta.jms.Message#acknowledge()} does for a received message; set by the client layer. */
@FunctionalInterface
public interface Acknowledger {
    void acknowledge() throws JMSException;
}
