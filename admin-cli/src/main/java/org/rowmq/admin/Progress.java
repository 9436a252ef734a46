package org.rowmq.admin;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.util.function.LongConsumer;

/**
 * A progress bar on stderr for long purges and moves, so it never mixes into the output a script reads. Short runs
 * and JSON output get none.
 */
final class Progress implements AutoCloseable {

    /** Below this many messages a change is over before a bar would be worth reading. */
    static final long THRESHOLD = 5_000;

    private final ProgressBar bar;

    Progress(String task, long total, boolean quiet) {
        this.bar = quiet || total < THRESHOLD ? null : new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }

    /** Receives the running count of messages handled. */
    LongConsumer counter() {
        return done -> {
            if (bar != null) bar.stepTo(done);
        };
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
