package org.rowmq.message;

import jakarta.jms.JMSException;

/** The connection that created a temporary destination; only it may delete the destination. */
public interface TemporaryDestinationOwner {
    void delete(RowDestination destination) throws JMSException;
}
