package org.rowmq.benchmarks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    private static final LoadRun.Settings SETTINGS = new LoadRun.Settings(Duration.ofSeconds(2), Duration.ofSeconds(5),
            2000, Duration.ofSeconds(60), 0);

    @TempDir
    Path dir;

    @Test
    void theTableGivesTheMedianWithMinAndMaxAndTheRatiosAndThePlotIsWritten() throws Exception {
        Results results = new Results();
        for (double rate : new double[] {900, 1000, 1300}) results.add(Target.ROWMQ, Workload.FOUR, clean(rate));
        for (double rate : new double[] {400, 500, 450}) results.add(Target.CLASSIC, Workload.FOUR, clean(rate));
        for (double rate : new double[] {2000, 2100, 1900}) results.add(Target.ARTEMIS_JOURNAL, Workload.FOUR, clean(rate));
        Histogram latency = new Histogram(3);
        for (int i = 1; i <= 100; i++) latency.recordValue(i * 1000L);
        results.add(Target.ROWMQ, Workload.LATENCY,
                new RunResult(500, 5000, 5000, 0, 0, latency, null, null, null));
        results.addCeiling(10, 3000);

        new Report(results, List.of(Workload.FOUR, Workload.LATENCY), List.of(10), Instant.now(), Instant.now(),
                "test", SETTINGS, 3, 500).write(dir);

        String md = Files.readString(dir.resolve(Report.TABLE));
        assertTrue(md.contains("| 4 x 4 | 1,000 (900-1,300) | - | 450 (400-500) | - | 2,000 (1,900-2,100) | 2.22 | 0.50 |"), md);
        assertTrue(md.contains("| PostgreSQL 4 x 4 >= 2 x Classic JDBC | 1,000 vs 900 (1.11 of the goal) | yes |"), md);
        assertTrue(md.contains("| latency p99 < 20 ms at half of RowMQ's 4 x 4 | 99.0 ms | no |"), md);
        assertTrue(md.contains("**0 lost, 0 duplicated**"), md);
        assertFalse(md.contains("FAILED"), md);
        assertTrue(Files.size(dir.resolve(Plot.FILE + ".png")) > 0);
    }

    @Test
    void aWorkloadWithItsProducersApartHasARowOfItsOwnAndIsPlottedBesideItsOneJvmTwin() throws Exception {
        Results results = new Results();
        results.add(Target.ROWMQ, Workload.TOPIC, clean(700));
        results.add(Target.ROWMQ, Workload.TOPIC_APART, clean(600));

        new Report(results, List.of(Workload.TOPIC, Workload.TOPIC_APART), List.of(), Instant.now(), Instant.now(),
                "test", SETTINGS, 1, Double.NaN).write(dir);

        String md = Files.readString(dir.resolve(Report.TABLE));
        assertTrue(md.contains("| topic, 10 durable subscribers (per subscriber) | 700 |"), md);
        assertTrue(md.contains("| topic, publisher in another JVM (per subscriber) | 600 |"), md);
        assertTrue(Files.size(dir.resolve(Plot.FILE + ".png")) > 0);
    }

    @Test
    void aTargetThatCouldNotKeepTheLatencyRunsRateGetsNoFigures() throws Exception {
        Results results = new Results();
        Histogram measured = new Histogram(3);
        for (int i = 1; i <= 100; i++) measured.recordValue(i * 1000L);
        results.add(Target.ROWMQ, Workload.LATENCY, new RunResult(500, 5000, 5000, 0, 0, measured, null, null, null));
        results.add(Target.ARTEMIS_JOURNAL, Workload.LATENCY,
                new RunResult(100, 1000, 1000, 0, 0, new Histogram(3), null, null, null));

        new Report(results, List.of(Workload.LATENCY), List.of(), Instant.now(), Instant.now(), "test", SETTINGS, 1,
                500).write(dir);

        String md = Files.readString(dir.resolve(Report.TABLE));
        assertTrue(md.contains("| Artemis file journal | 100 | - | - | - | - (could not keep the rate"), md);
        assertTrue(md.contains("| RowMQ | 500 | 50 (50-50) | 99 (99-99) |"), md);
    }

    @Test
    void aRunThatLostOrDuplicatedMessagesIsNamedAsAFailure() throws Exception {
        Results results = new Results();
        results.add(Target.ROWMQ, Workload.ONE, new RunResult(100, 1000, 1000, 2, 1, null, null, null, null));
        results.addFailure("rep 1  1x1  Artemis JDBC: java.lang.IllegalStateException: broken");

        new Report(results, List.of(Workload.ONE), List.of(), Instant.now(), Instant.now(), "test", SETTINGS, 1,
                Double.NaN).write(dir);

        String md = Files.readString(dir.resolve(Report.TABLE));
        assertTrue(md.contains("**2 lost, 1 duplicated**"), md);
        assertTrue(md.contains("- 1 producer, 1 consumer, RowMQ: 2 lost, 1 duplicated of 1000"), md);
        assertTrue(md.contains("**FAILED run**: rep 1  1x1  Artemis JDBC: java.lang.IllegalStateException: broken"), md);
        assertTrue(results.unclean() == 2);
    }

    @Test
    void theCostTableNamesEachRepetitionsCheckpointsAutovacuumsAndVacuumsInRunOrder() throws Exception {
        Results results = new Results();
        results.add(Target.CLASSIC, Workload.ONE, withBackgroundWork(1000, 0, 2, 7));
        results.add(Target.CLASSIC, Workload.ONE, withBackgroundWork(400, 1, 5, 0));
        results.add(Target.CLASSIC, Workload.ONE, withBackgroundWork(1100, 0, 0, 3));

        new Report(results, List.of(Workload.ONE), List.of(), Instant.now(), Instant.now(), "test", SETTINGS, 3,
                Double.NaN).write(dir);

        String md = Files.readString(dir.resolve(Report.TABLE));
        assertTrue(md.contains("| PostgreSQL CPU µs / msg | background work |"), md);
        assertTrue(md.contains(" | 0 / 2 / 7, 1 / 5 / 0, 0 / 0 / 3 |\n"), md);
    }

    @Test
    void theCycleTableGivesRowMqsGroupCommitsPerSecondAndEachPhasesMicrosecondsPerCommit() throws Exception {
        Results results = new Results();
        // In the 5 s window: 5,000 group commits of 20,000 units; 1 s gathering, 4 s writing, 0.5 s releasing.
        StoreDelta store = new StoreDelta(5_000, 20_000, 40_000, 100, 1_000, 5_000, 1_000_000_000L, 4_000_000_000L,
                500_000_000L);
        results.add(Target.ROWMQ, Workload.FOUR, new RunResult(4000, 20_000, 20_000, 0, 0, null, store, null, null));
        results.add(Target.CLASSIC, Workload.FOUR, clean(2000));

        new Report(results, List.of(Workload.FOUR), List.of(), Instant.now(), Instant.now(), "test", SETTINGS, 1,
                Double.NaN).write(dir);

        String md = Files.readString(dir.resolve(Report.TABLE));
        assertTrue(md.contains("| workload | target | group commits / s | units / group commit | gathering µs "
                + "| writing µs | releasing µs |"), md);
        assertTrue(md.contains("| 4 x 4 | RowMQ | 1,000 | 4.0 | 200 | 800 | 100 |\n"), md);
        assertFalse(md.contains("| 4 x 4 | ActiveMQ Classic JDBC | 0"), "peers have no group commit: " + md);
    }

    private static RunResult withBackgroundWork(double rate, long checkpoints, long autovacuums, long vacuums) {
        long received = (long) rate * 5;
        return new RunResult(rate, received, received, 0, 0, null, null,
                new DbCounters(received * 2, received * 6, checkpoints, autovacuums, vacuums), null);
    }

    private static RunResult clean(double rate) {
        return new RunResult(rate, (long) rate * 5, (long) rate * 6, 0, 0, null, null, null, null);
    }
}
