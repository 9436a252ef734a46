package org.rowmq.dispatch;

/**
 * How long an idle consumer sleeps before looking at the database again when no wake-up comes. Without database
 * notifications this is how other JVMs' messages are found: short right after traffic, doubling while idle up to a
 * cap, so an idle consumer costs a few cheap indexed queries per second, never a spin. With notifications the wait
 * only covers what nobody announces (delivery delays ending, leases of dead nodes returning).
 */
public final class PollInterval {
    /**
     * System property: when set, idle consumers look at the database every this many milliseconds, with no back-off.
     * For a deployment that relies on wake-ups (one JVM, or PostgreSQL's notifications) and wants fewer idle queries.
     */
    public static final String IDLE_POLL_PROPERTY = "rowmq.idlePollMillis";
    static final long MIN_MILLIS = 2;
    private final long minMillis;
    private final long maxMillis;
    private long next;

    public PollInterval(boolean notified) {
        Long fixed = Long.getLong(IDLE_POLL_PROPERTY);
        this.minMillis = fixed != null ? Math.max(1, fixed) : MIN_MILLIS;
        this.maxMillis = fixed != null ? minMillis : notified ? 1000 : 250;
        this.next = minMillis;
    }

    public long next() {
        long current = next;
        next = Math.min(maxMillis, next * 2);
        return current;
    }

    public void reset() {
        next = minMillis;
    }
}
