package org.rowmq.dispatch;

/**
 * One thread's place to sleep until something it waits for may have happened: a message arrival, a connection start,
 * a close. A wake-up that comes before the wait is not lost (the flag stays set), so callers register, check, then
 * wait, and never miss an arrival in between.
 */
public final class Waiter {
    private boolean woken;

    public synchronized void wake() {
        woken = true;
        notifyAll();
    }

    /** Waits up to {@code millis} (at least 1); returns whether a wake-up came. Clears the flag. */
    public synchronized boolean await(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(1, millis) * 1_000_000L;
        while (!woken) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) break;
            wait(left);
        }
        boolean was = woken;
        woken = false;
        return was;
    }
}
