package org.rowmq.store;

import jakarta.jms.JMSException;

/** How metrics read a destination's depth (a COUNT in the database), when a monitoring system asks for it. */
@FunctionalInterface
public interface DepthReader {
    long depth(String destination) throws JMSException;
}
