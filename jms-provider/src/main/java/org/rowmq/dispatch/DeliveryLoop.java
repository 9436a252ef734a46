package org.rowmq.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that runs one session's message listeners (a session is single-threaded, so one thread per session
 * that has listeners). It delivers while there is something to deliver and sleeps on a {@link Waiter} otherwise:
 * woken by arrivals, by the connection starting, by a new listener, or by the poll interval.
 */
public final class DeliveryLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryLoop.class);

    /** The session's side of the loop. */
    public interface Target {
        /** False once the session is closed: the loop ends. */
        boolean open();

        /** True when the connection is started and at least one listener is set. */
        boolean active();

        /** Delivers at most one message to one listener; returns whether one was delivered. */
        boolean deliverOne() throws Exception;

        /** A failure outside the listener itself (the store): reported, then the loop backs off and retries. */
        void failed(Exception e);
    }

    private static final long INACTIVE_WAIT_MILLIS = 1000;
    private final Target target;
    private final Waiter waiter;
    private final PollInterval poll;

    public DeliveryLoop(Target target, Waiter waiter, boolean notified) {
        this.target = target;
        this.waiter = waiter;
        this.poll = new PollInterval(notified);
    }

    @Override
    public void run() {
        try {
            while (target.open()) {
                if (!target.active()) {
                    waiter.await(INACTIVE_WAIT_MILLIS);
                    continue;
                }
                boolean delivered;
                try {
                    delivered = target.deliverOne();
                } catch (Exception e) {
                    target.failed(e);
                    delivered = false;
                }
                if (delivered) poll.reset();
                else waiter.await(poll.next());
            }
        } catch (InterruptedException e) {
            LOG.debug("Delivery loop interrupted; it ends", e);
        }
    }
}
