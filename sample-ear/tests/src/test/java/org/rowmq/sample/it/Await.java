package org.rowmq.sample.it;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it gives a value; the deadline only bounds a hung test, it asserts nothing about speed. */
final class Await {

    private Await() {
    }

    static <T> T until(String what, Duration deadline, Supplier<T> probe) {
        long end = System.nanoTime() + deadline.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < end) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (AssertionError e) {
                last = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
        throw new AssertionError("gave up waiting until " + what + (last == null ? "" : ": " + last.getMessage()), last);
    }
}
