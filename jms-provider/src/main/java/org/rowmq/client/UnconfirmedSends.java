package org.rowmq.client;

import jakarta.jms.JMSException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * A session's NON_PERSISTENT sends that returned before their commit. The specification lets a non-persistent message
 * be lost (at most once), so the producer does not wait for the store's group commit; the store never retries a
 * commit whose outcome is unknown, so such a message is never stored twice. A failed write is reported to the
 * connection's ExceptionListener, since no caller is left to throw to.
 *
 * <p>At most {@link #LIMIT} are outstanding per session: a producer faster than the database then waits for the
 * oldest, so the store's queue cannot grow without bound. The session's close waits for all of them.
 */
final class UnconfirmedSends {
    static final int LIMIT = 1_000;

    private final Semaphore permits = new Semaphore(LIMIT);
    private final RowConnection connection;

    UnconfirmedSends(RowConnection connection) {
        this.connection = connection;
    }

    /** Takes a slot before the write is handed to the store; blocks while {@link #LIMIT} are outstanding. */
    void reserve() throws JMSException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.interrupted("sending a non-persistent message");
        }
    }

    /** Gives back the slot when the write ends, reporting a failure. */
    void track(CompletableFuture<Void> written, String destination) {
        written.whenComplete((ok, failure) -> {
            permits.release();
            if (failure != null) {
                JMSException e = Failures.unwrap(failure);
                JMSException lost = new JMSException("A NON_PERSISTENT message to " + destination + " was not stored "
                        + "(non-persistent sends do not wait for the database): " + e.getMessage());
                lost.setLinkedException(e);
                lost.initCause(e);
                connection.report(lost);
            }
        });
    }

    /** Gives back a slot whose write never reached the store. */
    void cancel() {
        permits.release();
    }

    /** Waits until every outstanding write has ended (session close). */
    void awaitAll() throws JMSException {
        try {
            permits.acquire(LIMIT);
            permits.release(LIMIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.interrupted("waiting for non-persistent sends");
        }
    }
}
