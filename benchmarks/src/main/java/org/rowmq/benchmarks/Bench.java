package org.rowmq.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark: the same workloads against RowMQ and the peers in one sitting, repetitions interleaved (each
 * repetition runs every workload on every target before the next begins), on a private PostgreSQL cluster, and the
 * plain-SQL ceiling beside them. Writes a Markdown table and a plot; exits with status 1 if any message was lost or
 * duplicated.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Runs RowMQ and its peers through the same workloads and writes docs/benchmarks/results.md.")
public final class Bench implements Callable<Integer> {

    @Option(names = "--targets", split = ",", description = "Providers to measure (default: all): ${COMPLETION-CANDIDATES}")
    Set<Target> targets = EnumSet.allOf(Target.class);

    @Option(names = "--workloads", split = ",", description = "Workloads (default: all): ${DEFAULT-VALUE}")
    List<String> workloads = Workload.ALL.stream().map(Workload::id).toList();

    @Option(names = "--artemis-jdbc-workloads", split = ",", description = "Workloads Artemis JDBC runs (it is slow; default: ${DEFAULT-VALUE})")
    List<String> artemisJdbcWorkloads = List.of("4x4");

    @Option(names = "--h2-workloads", split = ",", description = "Workloads RowMQ on H2 runs (default: ${DEFAULT-VALUE})")
    List<String> h2Workloads = List.of("1x1", "4x4");

    @Option(names = "--repetitions", description = "Interleaved repetitions (default: ${DEFAULT-VALUE})")
    int repetitions = 3;

    @Option(names = "--warmup", description = "Warm-up excluded from each run, seconds (default: ${DEFAULT-VALUE})")
    double warmup = 2;

    @Option(names = "--window", description = "Measured window of each run, seconds (default: ${DEFAULT-VALUE})")
    double window = 4;

    @Option(names = "--backlog", description = "Producers pause above this many unreceived messages (default: ${DEFAULT-VALUE})")
    long backlog = 2000;

    @Option(names = "--backlog-bytes", description = "...and above this many unreceived body bytes, for large bodies (default: ${DEFAULT-VALUE})")
    long backlogBytes = 20L << 20;

    @Option(names = "--drain-timeout", description = "Time the consumers get to receive what is left, seconds (default: ${DEFAULT-VALUE})")
    double drainTimeout = 120;

    @Option(names = "--latency-rate", description = "Fixed rate of the latency run, msg/s (default: half of RowMQ's 4x4 median in this run)")
    Double latencyRate;

    @Option(names = "--ceiling", split = ",", description = "Messages per commit of the plain-SQL ceiling runs (default: ${DEFAULT-VALUE})")
    List<Integer> ceiling = List.of(1, 10, 50);

    @Option(names = "--no-ceiling", description = "Leave the plain-SQL ceiling out")
    boolean noCeiling;

    @Option(names = "--pg-bin", description = "PostgreSQL binaries for the private cluster (default: ${DEFAULT-VALUE})")
    Path pgBin = Path.of("/usr/lib/postgresql/15/bin");

    @Option(names = "--pg-port", description = "Port of the private cluster (default: ${DEFAULT-VALUE})")
    int pgPort = 25432;

    @Option(names = "--out", description = "Where the table and the plot go (default: ${DEFAULT-VALUE})")
    Path out = Path.of("docs/benchmarks");

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Workload> chosen = workloads.stream().map(Workload::byId).toList();
        if (noCeiling) ceiling = List.of();
        if (latencyRate == null && chosen.contains(Workload.LATENCY)
                && !(chosen.contains(Workload.FOUR) && targets.contains(Target.ROWMQ)))
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "the latency run needs --latency-rate, or RowMQ's 4x4 in the same run to take half its rate");
        Path scratchRoot = Files.createTempDirectory("rowmq-bench");
        Results results = new Results();
        Instant began = Instant.now();
        double appliedLatencyRate = Double.NaN;
        boolean needsPostgres = targets.stream().anyMatch(t -> t.onPostgres) || !ceiling.isEmpty();
        try (PrivatePostgres postgres = needsPostgres ? PrivatePostgres.start(pgBin, pgPort) : null) {
            Runner runner = new Runner(postgres, scratchRoot, settings(), results, this::runs, this::backlogFor,
                    new ProducerJvm.Launcher());
            List<Workload> throughput = chosen.stream().filter(w -> !w.fixedRate()).toList();
            List<Workload> latency = chosen.stream().filter(Workload::fixedRate).toList();
            for (int rep = 1; rep <= repetitions; rep++) {
                for (Workload w : throughput) runner.runAll(w, rep);
                if (postgres != null) for (int k : ceiling) runner.runCeiling(k, rep);
            }
            if (!latency.isEmpty()) {
                double rate = latencyRate != null ? latencyRate : results.median(Target.ROWMQ, Workload.FOUR) / 2;
                if (rate > 0) {
                    runner.latencyRate(rate);
                    appliedLatencyRate = rate;
                    for (int rep = 1; rep <= repetitions; rep++)
                        for (Workload w : latency) runner.runAll(w, rep);
                } else {
                    results.addFailure("latency: no rate, RowMQ's 4x4 produced no figure");
                }
            }
            String environment = Environment.describe(postgres);
            new Report(results, chosen, ceiling, began, Instant.now(), environment, settings(), repetitions,
                    appliedLatencyRate).write(out);
        } finally {
            new ProcessBuilder("rm", "-rf", scratchRoot.toString()).start().waitFor();
        }
        long bad = results.unclean();
        if (bad > 0) {
            System.err.println("FAILED: " + bad + " run(s) lost or duplicated messages or failed; see "
                    + out.resolve(Report.TABLE));
            return 1;
        }
        return 0;
    }

    /** The targets that run a workload. */
    List<Target> runs(Workload w) {
        List<Target> list = new ArrayList<>();
        for (Target t : targets) {
            if (w.separateJvm() && t != Target.ROWMQ) continue;
            if (t == Target.ARTEMIS_JDBC && !artemisJdbcWorkloads.contains(w.id())) continue;
            if (t == Target.ROWMQ_H2 && !h2Workloads.contains(w.id())) continue;
            list.add(t);
        }
        return list;
    }

    LoadRun.Settings settings() {
        return new LoadRun.Settings(seconds(warmup), seconds(window), backlog, seconds(drainTimeout), 0);
    }

    long backlogFor(Workload w) {
        return w.backlog(backlog, backlogBytes);
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
