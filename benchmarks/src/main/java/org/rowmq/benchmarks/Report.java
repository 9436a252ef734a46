package org.rowmq.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.analysis.interpolation.LinearInterpolator;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/** Writes results.md (the tables, the targets of issue 12) and the plot from one sitting's results. */
final class Report {
    static final String TABLE = "results.md";

    private final Results results;
    private final List<Workload> workloads;
    private final List<Integer> ceiling;
    private final Instant began;
    private final Instant ended;
    private final String environment;
    private final LoadRun.Settings settings;
    private final int repetitions;
    private final double latencyRate;

    Report(Results results, List<Workload> workloads, List<Integer> ceiling, Instant began, Instant ended,
           String environment, LoadRun.Settings settings, int repetitions, double latencyRate) {
        this.results = results;
        this.workloads = workloads;
        this.ceiling = ceiling;
        this.began = began;
        this.ended = ended;
        this.environment = environment;
        this.settings = settings;
        this.repetitions = repetitions;
        this.latencyRate = latencyRate;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(TABLE), markdown());
        Plot.write(results, workloads, dir);
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
        md.append("# RowMQ beside ActiveMQ Classic and Artemis: one sitting\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s to %s UTC. %s.%n%n", time.format(began),
                DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC).format(ended), environment));
        md.append(String.format(Locale.ROOT, "%d interleaved repetitions, %.0f s warm-up (excluded), %.0f s window; "
                        + "persistent BytesMessage with 4 int/long properties; producers pause above %d unreceived "
                        + "messages; median (min-max). RowMQ on H2: %s (committed rows reach the operating system at "
                        + "once, no fsync). How to read this: [README.md](README.md).%n%n", repetitions,
                settings.warmup().toMillis() / 1000.0, settings.window().toMillis() / 1000.0, settings.backlog(),
                RowMqBroker.H2_SETTINGS));
        throughput(md);
        latency(md);
        ceilingTable(md);
        costs(md);
        cycle(md);
        targets(md);
        checked(md);
        md.append("\n![Throughput by workload](throughput.png)\n");
        return md.toString();
    }

    private void throughput(StringBuilder md) {
        md.append("## Throughput, messages received per second (topic: per subscriber)\n\n");
        md.append("| workload |");
        for (Target t : Target.values()) md.append(' ').append(t.title).append(" |");
        md.append(" RowMQ / Classic | RowMQ / journal |\n|---|");
        md.append("---|".repeat(Target.values().length + 2)).append('\n');
        for (Workload w : workloads) {
            if (w.fixedRate()) continue;
            md.append("| ").append(w.title()).append(" |");
            for (Target t : Target.values()) md.append(' ').append(cell(rates(t, w))).append(" |");
            md.append(' ').append(ratio(Target.ROWMQ, Target.CLASSIC, w)).append(" |");
            md.append(' ').append(ratio(Target.ROWMQ, Target.ARTEMIS_JOURNAL, w)).append(" |\n");
        }
        md.append('\n');
    }

    private void latency(StringBuilder md) {
        Workload w = workloads.stream().filter(Workload::fixedRate).findFirst().orElse(null);
        if (w == null) return;
        md.append(String.format(Locale.ROOT, "## Latency at a fixed %.0f msg/s (half of RowMQ's 4 x 4 median), "
                + "4 x 4, from the planned send time, ms%n%n", latencyRate));
        md.append("| target | received msg/s | p50 | p99 | p99.9 | max |\n|---|---|---|---|---|---|\n");
        for (Target t : Target.values()) {
            List<RunResult> all = results.of(t, w);
            if (all.isEmpty()) continue;
            md.append("| ").append(t.title).append(" | ").append(cell(rates(t, w))).append(" | ");
            // A target far below the rate receives no message planned inside the window before the run ends.
            List<RunResult> runs = all.stream().filter(r -> r.latency().getTotalCount() > 0).toList();
            if (runs.isEmpty()) {
                md.append("- | - | - | - (could not keep the rate: no message planned in the window arrived) |\n");
                continue;
            }
            md.append(latencyCell(runs, 50)).append(" | ").append(latencyCell(runs, 99)).append(" | ")
                    .append(latencyCell(runs, 99.9)).append(" | ").append(latencyCell(runs, 100)).append(" |\n");
        }
        md.append('\n');
    }

    private void ceilingTable(StringBuilder md) {
        if (ceiling.isEmpty() || results.ceiling(ceiling.get(0)).isEmpty()) return;
        md.append("## The plain-SQL ceiling on the same PostgreSQL (claim commit, then delete commit; 4 + 4 "
                + "connections; k messages per commit)\n\n| k | msg/s |\n|---|---|\n");
        for (int k : ceiling)
            md.append("| ").append(k).append(" | ")
                    .append(cell(results.ceiling(k).stream().mapToDouble(Double::doubleValue).toArray())).append(" |\n");
        md.append('\n');
    }

    private void costs(StringBuilder md) {
        md.append("## Cost per message received, in the window (medians over repetitions)\n\n");
        md.append("Commits: transactions that wrote (PostgreSQL's transaction IDs used). Statements: "
                + "pg_stat_statements' calls in the provider's database, without BEGIN/COMMIT. RowMQ's own counters "
                + "(its store's statistics): group commits per message, rows written per group commit (sends plus "
                + "acknowledgements), messages per claim, and the statements of its group commits (their COMMIT included) plus one "
                + "per claim, per message. CPU: this JVM's (the load generator with the embedded provider; in "
                + "the producer-JVM workloads the consumers' JVM only) and the private PostgreSQL cluster's processes'. "
                + "Background work, per repetition in run order: the cluster's checkpoints / the autovacuum and "
                + "autoanalyze runs in the provider's database / the VACUUMs clients ran there (RowMQ's own, of its "
                + "message table) during the window (they compete for the same CPUs and "
                + "disk; a repetition far below its siblings usually had more).\n\n");
        md.append("| workload | target | commits / msg | statements / msg | msg / commit | RowMQ group commits / msg "
                + "| RowMQ rows / group commit | RowMQ msg / claim | RowMQ statements / msg | JVM CPU µs / msg "
                + "| PostgreSQL CPU µs / msg | background work |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Workload w : workloads) {
            for (Target t : Target.values()) {
                List<RunResult> runs = results.of(t, w);
                if (runs.isEmpty() || runs.get(0).database() == null && runs.get(0).store() == null) continue;
                md.append("| ").append(w.title()).append(" | ").append(t.title).append(" | ");
                if (runs.get(0).database() != null) {
                    md.append(num(median(runs, Report::commitsPerMessage), 2)).append(" | ")
                            .append(num(median(runs, r -> perMessage(r, r.database().statements())), 2)).append(" | ")
                            .append(num(median(runs, r -> 1 / commitsPerMessage(r)), 1)).append(" | ");
                } else {
                    md.append("- | - | - | ");
                }
                if (runs.get(0).store() != null) {
                    md.append(num(median(runs, r -> perMessage(r, r.store().commits())), 2)).append(" | ")
                            .append(num(median(runs, r -> r.store().rowsPerCommit()), 1)).append(" | ")
                            .append(num(median(runs, r -> r.store().messagesPerClaim()), 1)).append(" | ")
                            .append(num(median(runs, r -> perMessage(r, r.store().statementsWithClaims())), 2))
                            .append(" | ");
                } else {
                    md.append("- | - | - | - | ");
                }
                if (runs.get(0).cpu() != null) {
                    md.append(num(median(runs, r -> perMessage(r, r.cpu().jvmNanos()) / 1000), 0)).append(" | ")
                            .append(runs.get(0).cpu().postgresNanos() < 0 || runs.get(0).database() == null ? "-"
                                    : num(median(runs, r -> perMessage(r, r.cpu().postgresNanos()) / 1000), 0))
                            .append(" | ");
                } else {
                    md.append("- | - | ");
                }
                md.append(runs.get(0).database() == null ? "-" : String.join(", ", runs.stream()
                        .map(r -> r.database().checkpoints() + " / " + r.database().autovacuums() + " / "
                                + r.database().vacuums()).toList()))
                        .append(" |\n");
            }
        }
        md.append('\n');
    }

    /**
     * The group commit's cycle: a session that waits for each send or acknowledgement gets at most one through per
     * cycle, so the cycle's length bounds what one such session can do, and these say where that length goes.
     */
    private void cycle(StringBuilder md) {
        StringBuilder rows = new StringBuilder();
        for (Workload w : workloads) {
            for (Target t : Target.values()) {
                List<RunResult> runs = results.of(t, w);
                if (runs.isEmpty() || runs.get(0).store() == null) continue;
                rows.append("| ").append(w.title()).append(" | ").append(t.title).append(" | ")
                        .append(num(median(runs, r -> r.store().commits() * 1e9 / settings.window().toNanos()), 0))
                        .append(" | ").append(num(median(runs, r -> r.store().unitsPerCommit()), 1)).append(" | ")
                        .append(num(median(runs, r -> r.store().microsPerCommit(r.store().gatheringNanos())), 0))
                        .append(" | ")
                        .append(num(median(runs, r -> r.store().microsPerCommit(r.store().writingNanos())), 0))
                        .append(" | ")
                        .append(num(median(runs, r -> r.store().microsPerCommit(r.store().releasingNanos())), 0))
                        .append(" |\n");
            }
        }
        if (rows.isEmpty()) return;
        md.append("## RowMQ's group commit cycle, in the window (medians over repetitions)\n\n");
        md.append("A session that waits for each send or acknowledgement (not transacted, AUTO_ACKNOWLEDGE receive) "
                + "gets one through per group commit, so the cycle bounds it. Per group commit, in microseconds: "
                + "gathering (from its first unit until it is written, waiting for the writers the last commit "
                + "released), writing (its statements and commit: the database's round trips, including the WAL "
                + "flush) and releasing (waking consumers and completing each caller's wait). In the producer-JVM "
                + "workloads, the consumers' JVM only.\n\n");
        md.append("| workload | target | group commits / s | units / group commit | gathering µs | writing µs "
                + "| releasing µs |\n|---|---|---|---|---|---|---|\n");
        md.append(rows).append('\n');
    }

    private void targets(StringBuilder md) {
        md.append("## Issue 12's targets (ratios within this sitting)\n\n| target | figure | met |\n|---|---|---|\n");
        double four = results.median(Target.ROWMQ, Workload.FOUR);
        target(md, "PostgreSQL 4 x 4 >= 2 x Classic JDBC", four, 2 * results.median(Target.CLASSIC, Workload.FOUR));
        target(md, "PostgreSQL 4 x 4 >= Artemis journal", four, results.median(Target.ARTEMIS_JOURNAL, Workload.FOUR));
        double k = reachedMessagesPerCommit();
        double sql = ceilingAt(k);
        target(md, String.format(Locale.ROOT, "PostgreSQL 4 x 4 >= 0.7 x plain SQL at RowMQ's k = %s", num(k, 1)),
                four, 0.7 * sql);
        double one = results.median(Target.ROWMQ, Workload.ONE);
        target(md, "1 x 1 >= Classic JDBC", one, results.median(Target.CLASSIC, Workload.ONE));
        target(md, "1 x 1 >= 0.8 x Artemis journal", one, 0.8 * results.median(Target.ARTEMIS_JOURNAL, Workload.ONE));
        target(md, "transactions of 10 >= Classic JDBC", results.median(Target.ROWMQ, Workload.TX10),
                results.median(Target.CLASSIC, Workload.TX10));
        target(md, "transactions of 100 >= Classic JDBC (the project's own goal, not the issue's)", results.median(Target.ROWMQ, Workload.TX100),
                results.median(Target.CLASSIC, Workload.TX100));
        double sixteen = results.median(Target.ROWMQ, Workload.SIXTEEN);
        target(md, "16 x 16 >= Artemis journal", sixteen, results.median(Target.ARTEMIS_JOURNAL, Workload.SIXTEEN));
        target(md, "16 x 16 >= RowMQ's own 4 x 4 (the project's own goal, not the issue's)", sixteen, four);
        target(md, "topic, per subscriber >= Artemis journal", results.median(Target.ROWMQ, Workload.TOPIC),
                results.median(Target.ARTEMIS_JOURNAL, Workload.TOPIC));
        target(md, "H2 4 x 4 >= Artemis journal", results.median(Target.ROWMQ_H2, Workload.FOUR),
                results.median(Target.ARTEMIS_JOURNAL, Workload.FOUR));
        target(md, "H2 1 x 1 >= Artemis journal", results.median(Target.ROWMQ_H2, Workload.ONE),
                results.median(Target.ARTEMIS_JOURNAL, Workload.ONE));
        List<RunResult> latency = results.of(Target.ROWMQ, Workload.LATENCY);
        if (!latency.isEmpty()) {
            double p99 = median(latency, r -> r.latency().getValueAtPercentile(99) / 1000.0);
            md.append(String.format(Locale.ROOT, "| latency p99 < 20 ms at half of RowMQ's 4 x 4 | %s ms | %s |%n",
                    num(p99, 1), p99 < 20 ? "yes" : "no"));
        }
        md.append('\n');
    }

    private void target(StringBuilder md, String what, double rowmq, double goal) {
        if (Double.isNaN(rowmq) || Double.isNaN(goal)) return;
        md.append(String.format(Locale.ROOT, "| %s | %s vs %s (%.2f of the goal) | %s |%n", what, num(rowmq, 0),
                num(goal, 0), rowmq / goal, rowmq >= goal ? "yes" : "no"));
    }

    /**
     * RowMQ's 4 x 4 messages per commit in the plain-SQL ceiling's terms: the ceiling spends three commits per k
     * messages (insert, claim, delete), so k = 3 / (RowMQ's writing commits per message).
     */
    private double reachedMessagesPerCommit() {
        List<RunResult> runs = results.of(Target.ROWMQ, Workload.FOUR);
        if (runs.isEmpty() || runs.get(0).database() == null) return Double.NaN;
        return 3 / median(runs, Report::commitsPerMessage);
    }

    /** The ceiling's rate at k messages per commit, linear between the measured k (clamped to their range). */
    private double ceilingAt(double k) {
        List<double[]> points = new ArrayList<>();
        for (int c : ceiling) {
            double[] rates = results.ceiling(c).stream().mapToDouble(Double::doubleValue).toArray();
            if (rates.length > 0) points.add(new double[] {c, new DescriptiveStatistics(rates).getPercentile(50)});
        }
        if (points.isEmpty() || Double.isNaN(k)) return Double.NaN;
        points.sort((a, b) -> Double.compare(a[0], b[0]));
        if (points.size() == 1) return points.get(0)[1];
        double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
        double clamped = Math.max(x[0], Math.min(x[x.length - 1], k));
        return new LinearInterpolator().interpolate(x, y).value(clamped);
    }

    private void checked(StringBuilder md) {
        long lost = 0, duplicated = 0, runs = 0;
        for (Workload w : workloads)
            for (Target t : Target.values())
                for (RunResult r : results.of(t, w)) {
                    lost += r.lost();
                    duplicated += r.duplicates();
                    runs++;
                }
        md.append(String.format(Locale.ROOT, "## Every message checked%n%n%,d messages sent in %d runs, each checked "
                        + "per producer and sequence number on every copy: **%,d lost, %,d duplicated**.%n",
                results.messagesChecked(), runs, lost, duplicated));
        for (String failure : results.failures()) md.append("\n**FAILED run**: ").append(failure).append('\n');
        if (lost + duplicated > 0) {
            md.append("\n**FAILED**: runs that lost or duplicated messages:\n\n");
            for (Workload w : workloads)
                for (Target t : Target.values())
                    for (RunResult r : results.of(t, w))
                        if (!r.clean())
                            md.append(String.format(Locale.ROOT, "- %s, %s: %d lost, %d duplicated of %d%n",
                                    w.title(), t.title, r.lost(), r.duplicates(), r.sent()));
        }
    }

    private double[] rates(Target t, Workload w) {
        return results.of(t, w).stream().mapToDouble(RunResult::rate).toArray();
    }

    private String ratio(Target a, Target b, Workload w) {
        double x = results.median(a, w), y = results.median(b, w);
        return Double.isNaN(x) || Double.isNaN(y) || y == 0 ? "-" : String.format(Locale.ROOT, "%.2f", x / y);
    }

    private static double commitsPerMessage(RunResult r) {
        return perMessage(r, r.database().writingTransactions());
    }

    private static double perMessage(RunResult r, long count) {
        return r.received() == 0 ? Double.NaN : (double) count / r.received();
    }

    private static double median(List<RunResult> runs, ToDoubleFunction<RunResult> f) {
        return new DescriptiveStatistics(runs.stream().mapToDouble(f).toArray()).getPercentile(50);
    }

    private static String latencyCell(List<RunResult> runs, double percentile) {
        DescriptiveStatistics s = new DescriptiveStatistics(runs.stream()
                .mapToDouble(r -> r.latency().getValueAtPercentile(percentile) / 1000.0).toArray());
        return String.format(Locale.ROOT, "%s (%s-%s)", ms(s.getPercentile(50)), ms(s.getMin()), ms(s.getMax()));
    }

    private static String ms(double v) {
        return v < 10 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String cell(double[] values) {
        if (values.length == 0) return "-";
        DescriptiveStatistics s = new DescriptiveStatistics(values);
        if (values.length == 1) return num(s.getPercentile(50), 0);
        return num(s.getPercentile(50), 0) + " (" + num(s.getMin(), 0) + "-" + num(s.getMax(), 0) + ")";
    }

    static String num(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return "-";
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }
}
