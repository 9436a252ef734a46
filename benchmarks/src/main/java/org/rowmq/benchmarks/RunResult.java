package org.rowmq.benchmarks;

import org.HdrHistogram.Histogram;

/**
 * One run's outcome.
 *
 * @param rate       messages received per second in the window (a topic: per subscriber)
 * @param received   messages received in the window (all copies)
 * @param sent       messages sent in the whole run
 * @param lost       messages sent that a copy never received
 * @param duplicates messages a copy received more than once
 * @param latency    microseconds from the planned send time to receipt (latency run), else null
 * @param store      the RowMQ store's counters over the window, else null
 * @param database   PostgreSQL's counters over the window, else null
 * @param cpu        CPU time of this JVM and of the private PostgreSQL cluster over the window, else null
 */
record RunResult(double rate, long received, long sent, long lost, long duplicates, Histogram latency,
                 StoreDelta store, DbCounters database, CpuMeter.Reading cpu) {

    boolean clean() {
        return lost == 0 && duplicates == 0;
    }
}
