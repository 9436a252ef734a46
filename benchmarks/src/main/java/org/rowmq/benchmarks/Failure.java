package org.rowmq.benchmarks;

import java.util.concurrent.atomic.AtomicReference;

/** The first error of any producer or consumer thread of a run; the run stops and reports it. */
final class Failure {
    private final AtomicReference<IllegalStateException> first = new AtomicReference<>();

    void record(String who, Throwable e) {
        first.compareAndSet(null, new IllegalStateException(who + " failed: " + e, e));
    }

    boolean happened() {
        return first.get() != null;
    }

    void throwIfHappened() {
        IllegalStateException e = first.get();
        if (e != null) throw e;
    }
}
