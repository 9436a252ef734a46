package org.rowmq.dispatch;

/**
 * How long an idle consumer sleeps before looking at the database again when no wake-up comes. Without database
 * notifications this is how other JVMs' messages are found: short right after traffic, doubling while idle up to a
 * cap, so an idle consumer costs a few cheap indexed queries per second, never a spin. With notifications the wait
 * only covers what nobody announces (delivery delays ending, leases of dead nodes returning).
 */
public final class PollInterval {
    static final long MIN_MILLIS = 2;
    private final long maxMillis;
    private long next = MIN_MILLIS;

    public PollInterval(boolean notified) {
        this.maxMillis = notified ? 1000 : 250;
    }

    public long next() {
        long current = next;
        next = Math.min(maxMillis, next * 2);
        return current;
    }

    public void reset() {
        next = MIN_MILLIS;
    }
}
