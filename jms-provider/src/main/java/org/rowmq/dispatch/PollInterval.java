package org.rowmq.dispatch;

/**
 * How long an idle consumer sleeps before looking at the database again when no wake-up comes. Without database
 * notifications this is how other JVMs' messages are found: short right after traffic, doubling while idle up to a
 * cap, so an idle consumer costs a few cheap indexed queries per second, never a spin. With notifications the wait
 * only covers what nobody announces (delivery delays ending, a group's next message once its head is acknowledged),
 * so it starts longer there.
 */
public final class PollInterval {
    /**
     * System property: when set, idle consumers look at the database every this many milliseconds, with no back-off.
     * For a deployment that relies on wake-ups (one JVM, or PostgreSQL's notifications) and wants fewer idle queries.
     */
    public static final String IDLE_POLL_PROPERTY = "rowmq.idlePollMillis";
    static final long MIN_MILLIS = 2;
    /**
     * The first look where the database announces arrivals: every arrival a look could find at once (a send, a
     * release, a reaped node's rows) comes with a wake-up there, so short looks found nothing. Measured before this
     * (PostgreSQL, 4 x 4 at a fixed 300 msg/s, one receive call every 13 ms per consumer): 0.4 messages per claim,
     * the empty ones mostly the looks at 2 and 6 ms of each receive call.
     */
    static final long NOTIFIED_MIN_MILLIS = 50;
    private final long minMillis;
    private final long maxMillis;
    private long next;

    public PollInterval(boolean notified) {
        Long fixed = Long.getLong(IDLE_POLL_PROPERTY);
        this.minMillis = fixed != null ? Math.max(1, fixed) : notified ? NOTIFIED_MIN_MILLIS : MIN_MILLIS;
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
