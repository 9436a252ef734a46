package org.rowmq.store;

import jakarta.jms.JMSException;

import java.sql.SQLException;

/** Turns database failures into the JMS exceptions the interface promises, saying what failed and where. */
final class StoreErrors {

    private StoreErrors() {
    }

    /** A JMSException for a failed database operation, with the SQLException linked and as the cause. */
    static JMSException failure(String what, SQLException cause) {
        String state = cause.getSQLState() == null ? "" : " (SQLState " + cause.getSQLState() + ")";
        JMSException e = new JMSException("RowMQ could not " + what + ": " + cause.getMessage() + state);
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }

    /** The same for a commit that failed without saying whether it took effect. */
    static OutcomeUnknownException outcomeUnknown(String what, SQLException cause) {
        String state = cause.getSQLState() == null ? "" : " (SQLState " + cause.getSQLState() + ")";
        return new OutcomeUnknownException("RowMQ could not confirm that it could " + what + ": the commit failed and"
                + " whether it took effect is unknown: " + cause.getMessage() + state, cause);
    }

    /** Unwraps the JMSException a store future failed with, or wraps anything else. */
    static JMSException unwrap(Throwable failure, String what) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof JMSException jms) return jms;
        if (t instanceof SQLException sql) return failure(what, sql);
        JMSException e = new JMSException("RowMQ could not " + what + ": " + t);
        if (t instanceof Exception ex) e.setLinkedException(ex);
        e.initCause(t);
        return e;
    }
}
