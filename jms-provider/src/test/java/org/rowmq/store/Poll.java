package org.rowmq.store;

import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** Waits for something asynchronous, with a generous timeout and a clear message. */
final class Poll {

    interface Probe<T> {
        T get() throws Exception;
    }

    private Poll() {
    }

    static <T> T until(Probe<T> probe, Predicate<T> done, String failure) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        T last;
        do {
            last = probe.get();
            if (done.test(last)) return last;
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        fail(failure + " within 30 s (last seen: " + last + ")");
        return last;
    }
}
