package org.rowmq.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Small helpers for the exceptions the client layer raises itself. */
final class Failures {
    private Failures() {
    }

    static IllegalStateException closed(String what) {
        return new IllegalStateException("The " + what + " is closed; create a new one to continue", "CLOSED");
    }

    /** Unwraps a store future's failure into the JMSException the store put there. */
    static JMSException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null)
            t = t.getCause();
        if (t instanceof JMSException j) return j;
        JMSException e = new JMSException("Unexpected failure in the message store: " + t);
        e.initCause(t);
        if (t instanceof Exception x) e.setLinkedException(x);
        return e;
    }

    static JMSException interrupted(String what) {
        Thread.currentThread().interrupt();
        return new JMSException("Interrupted while " + what);
    }
}
