package org.rowmq.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Runs one workload on each of its targets in turn, each on a freshly opened provider, and prints a line per run. */
final class Runner {
    private final PrivatePostgres postgres;
    private final Path scratchRoot;
    private final LoadRun.Settings base;
    private final Results results;
    private final Function<Workload, List<Target>> targets;
    private final ToLongFunction<Workload> backlog;
    private final LoadRun.RemoteLauncher launcher;
    private final CpuMeter cpu;
    private final long began = System.nanoTime();
    private double latencyRate;
    private int run;

    Runner(PrivatePostgres postgres, Path scratchRoot, LoadRun.Settings base, Results results,
           Function<Workload, List<Target>> targets, ToLongFunction<Workload> backlog,
           LoadRun.RemoteLauncher launcher) {
        this.postgres = postgres;
        this.scratchRoot = scratchRoot;
        this.base = base;
        this.results = results;
        this.targets = targets;
        this.backlog = backlog;
        this.launcher = launcher;
        this.cpu = new CpuMeter(postgres == null ? null : postgres.dataDirectory());
    }

    void latencyRate(double rate) {
        this.latencyRate = rate;
    }

    void runAll(Workload workload, int repetition) throws Exception {
        LoadRun.Settings settings = new LoadRun.Settings(base.warmup(), base.window(), backlog.applyAsLong(workload),
                base.drainTimeout(), latencyRate);
        for (Target target : targets.apply(workload)) {
            int number = ++run;
            Path scratch = Files.createDirectories(scratchRoot.resolve("run" + number));
            RunResult result;
            try (Broker broker = target.open(postgres, scratch, number)) {
                result = LoadRun.run(broker, workload, settings, number, launcher, cpu);
            } catch (Exception | AssertionError e) {
                // One broken run must not cost the sitting: it is reported, and fails the command at the end.
                String what = String.format(Locale.ROOT, "rep %d  %s  %s: %s", repetition, workload.id(), target.title, e);
                results.addFailure(what);
                System.out.println(elapsed() + " FAILED " + what);
                e.printStackTrace();
                continue;
            }
            results.add(target, workload, result);
            System.out.println(elapsed() + " " + line(repetition, workload, target, result));
        }
    }

    void runCeiling(int k, int repetition) throws Exception {
        double rate = SqlCeiling.run(postgres.database("ceiling"), k, base.warmup(), base.window(),
                backlog.applyAsLong(Workload.FOUR), ++run);
        results.addCeiling(k, rate);
        System.out.printf(Locale.ROOT, "%s rep %d  plain SQL k=%d: %.0f msg/s%n", elapsed(), repetition, k, rate);
    }

    private String elapsed() {
        long s = (System.nanoTime() - began) / 1_000_000_000L;
        return String.format(Locale.ROOT, "[%02d:%02d]", s / 60, s % 60);
    }

    private static String line(int repetition, Workload workload, Target target, RunResult r) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "rep %d  %-11s %-22s %8.0f msg/s  sent %d, lost %d, duplicated %d",
                repetition, workload.id(), target.title, r.rate(), r.sent(), r.lost(), r.duplicates()));
        if (r.latency() != null)
            s.append(String.format(Locale.ROOT, "  p50 %.2f ms p99 %.2f ms", r.latency().getValueAtPercentile(50) / 1000.0,
                    r.latency().getValueAtPercentile(99) / 1000.0));
        if (r.database() != null && r.received() > 0)
            s.append(String.format(Locale.ROOT, "  %.2f commits/msg %.2f statements/msg",
                    (double) r.database().writingTransactions() / r.received(),
                    (double) r.database().statements() / r.received()));
        if (r.database() != null)
            s.append(String.format(Locale.ROOT, "  checkpoints %d, autovacuums %d, vacuums %d",
                    r.database().checkpoints(), r.database().autovacuums(), r.database().vacuums()));
        if (r.store() != null)
            s.append(String.format(Locale.ROOT, "  %.1f rows/group commit %.1f msg/claim, cycle us gather %.0f"
                            + " write %.0f release %.0f", r.store().rowsPerCommit(), r.store().messagesPerClaim(),
                    r.store().microsPerCommit(r.store().gatheringNanos()),
                    r.store().microsPerCommit(r.store().writingNanos()),
                    r.store().microsPerCommit(r.store().releasingNanos())));
        if (r.cpu() != null && r.received() > 0)
            s.append(String.format(Locale.ROOT, "  CPU/msg: JVM %.0f us, PostgreSQL %s", r.cpu().jvmNanos() / 1e3
                    / r.received(), r.cpu().postgresNanos() < 0 ? "-" : String.format(Locale.ROOT, "%.0f us",
                    r.cpu().postgresNanos() / 1e3 / r.received())));
        if (!r.clean()) s.append("  <<< LOST OR DUPLICATED MESSAGES");
        return s.toString();
    }
}
