package org.rowmq.store;

import jakarta.jms.JMSException;

/**
 * A commit whose outcome is unknown: the connection broke while the database committed (a server crash, a failover),
 * so its rows may be durable or not. RowMQ never runs such a commit again (that could store a message twice); the
 * caller is told, with the driver's failure as the cause, and must not report it as rolled back.
 */
public class OutcomeUnknownException extends JMSException {

    public OutcomeUnknownException(String message, Exception cause) {
        super(message);
        setLinkedException(cause);
        initCause(cause);
    }
}
