package org.rowmq.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A few seconds of every workload on RowMQ (embedded H2) and of one workload on each peer, so that CI builds and runs
 * the whole harness; every message of each run must arrive exactly once. The long run is the bench profile, not this.
 */
class WorkloadSmokeTest {
    private static final String SCHEMA = "rowmq_bench_smoke";
    /** Long enough for messages to flow through warm-up and window; figures from it mean nothing. */
    private static final LoadRun.Settings SHORT = new LoadRun.Settings(Duration.ofMillis(500), Duration.ofMillis(1000),
            2000, Duration.ofSeconds(60), 200);

    @TempDir
    Path scratch;

    static Stream<Workload> workloads() {
        return Workload.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workloads")
    void everyWorkloadDeliversEachMessageOnceOnRowMqOverH2(Workload workload) throws Exception {
        RunResult result;
        try (Broker broker = RowMqBroker.onH2(scratch)) {
            result = LoadRun.run(broker, workload, settingsFor(workload), 1, new ProducerJvm.Launcher(),
                    new CpuMeter(null));
        }
        assertDeliveredOnce(result);
        assertNotNull(result.store(), "RowMQ's store counters");
        assertTrue(result.cpu().jvmNanos() > 0, "the JVM's CPU time over the window");
        if (workload.fixedRate()) assertTrue(result.latency().getTotalCount() > 0, "latencies recorded");
    }

    @Test
    void artemisFileJournal() throws Exception {
        try (Broker broker = Target.ARTEMIS_JOURNAL.open(null, scratch, 1)) {
            assertDeliveredOnce(LoadRun.run(broker, Workload.FOUR, SHORT, 1, null, null));
        }
    }

    @Test
    void activeMqClassicOnPostgres() throws Exception {
        Database postgres = Database.existing(SharedPostgres.schema(SCHEMA).url(), "postgres", "");
        try (Broker broker = Target.CLASSIC.open(postgres, scratch, 2)) {
            assertDeliveredOnce(LoadRun.run(broker, Workload.FOUR, SHORT, 2, null, null));
        }
    }

    @Test
    void artemisJdbcOnPostgres() throws Exception {
        Database postgres = Database.existing(SharedPostgres.schema(SCHEMA).url(), "postgres", "");
        try (Broker broker = Target.ARTEMIS_JDBC.open(postgres, scratch, 3)) {
            assertDeliveredOnce(LoadRun.run(broker, Workload.ONE, SHORT, 3, null, null));
        }
    }

    @Test
    void rowMqOnPostgres() throws Exception {
        Database postgres = Database.existing(SharedPostgres.schema(SCHEMA).url(), "postgres", "");
        try (Broker broker = Target.ROWMQ.open(postgres, scratch, 4)) {
            assertDeliveredOnce(LoadRun.run(broker, Workload.TX10, SHORT, 4, null, null));
        }
    }

    @Test
    void thePlainSqlCeilingConsumesWhatItProduces() throws Exception {
        double rate = SqlCeiling.run(SharedPostgres.schema(SCHEMA), 10, Duration.ofMillis(500), Duration.ofSeconds(1),
                2000, 5);
        assertTrue(rate > 0, "plain SQL consumed messages");
    }

    @AfterAll
    static void dropSchema() {
        try {
            SharedPostgres.drop(SCHEMA);
        } catch (java.sql.SQLException e) {
            // unreachable: the tests that needed it were skipped
        }
    }

    private static LoadRun.Settings settingsFor(Workload workload) {
        return new LoadRun.Settings(SHORT.warmup(), SHORT.window(), workload.backlog(SHORT.backlog(), 20L << 20),
                SHORT.drainTimeout(), SHORT.fixedRate());
    }

    private static void assertDeliveredOnce(RunResult result) {
        assertTrue(result.sent() > 0, "messages were sent");
        assertEquals(0, result.lost(), "lost messages");
        assertEquals(0, result.duplicates(), "duplicated messages");
    }
}
