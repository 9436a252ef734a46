package org.rowmq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread running a node's periodic database work. The work must survive database outages: the first
 * failure of a task is logged loudly, later ones quietly until it succeeds again.
 */
final class Periodic {

    @FunctionalInterface
    interface Task {
        void run() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final String nodeId;
    private final ScheduledExecutorService scheduler;

    Periodic(String threadName, String nodeId) {
        this.nodeId = nodeId;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs the task every {@code period}, the first time after one period. */
    void every(Duration period, String what, Task task) {
        long millis = period.toMillis();
        boolean[] failing = new boolean[1];
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
                if (failing[0]) log.info("RowMQ node {} could {} again", nodeId, what);
                failing[0] = false;
            } catch (SQLException | RuntimeException e) {
                if (!failing[0]) log.warn("RowMQ node {} could not {}", nodeId, what, e);
                else log.debug("RowMQ node {} could not {}", nodeId, what, e);
                failing[0] = true;
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stops, letting a running task finish. */
    void stop() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
