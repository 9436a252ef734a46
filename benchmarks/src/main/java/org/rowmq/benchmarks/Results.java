package org.rowmq.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/** Every run of the sitting, by target and workload, and the plain-SQL ceiling's runs by messages per commit. */
final class Results {
    private final Map<String, List<RunResult>> runs = new LinkedHashMap<>();
    private final Map<Integer, List<Double>> ceiling = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    synchronized void add(Target target, Workload workload, RunResult result) {
        runs.computeIfAbsent(key(target, workload), k -> new ArrayList<>()).add(result);
    }

    /** A run that ended in an error rather than a result: it fails the sitting like a lost message. */
    synchronized void addFailure(String description) {
        failures.add(description);
    }

    synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    synchronized void addCeiling(int k, double rate) {
        ceiling.computeIfAbsent(k, x -> new ArrayList<>()).add(rate);
    }

    synchronized List<RunResult> of(Target target, Workload workload) {
        return runs.getOrDefault(key(target, workload), List.of());
    }

    synchronized List<Double> ceiling(int k) {
        return ceiling.getOrDefault(k, List.of());
    }

    /** The median rate of a target's runs of a workload, NaN if it has none. */
    double median(Target target, Workload workload) {
        return stats(of(target, workload).stream().mapToDouble(RunResult::rate).toArray()).getPercentile(50);
    }

    /** Runs that lost or duplicated any message, or failed. */
    synchronized long unclean() {
        return runs.values().stream().flatMap(List::stream).filter(r -> !r.clean()).count() + failures.size();
    }

    synchronized long messagesChecked() {
        return runs.values().stream().flatMap(List::stream).mapToLong(RunResult::sent).sum();
    }

    static DescriptiveStatistics stats(double[] values) {
        return new DescriptiveStatistics(values);
    }

    private static String key(Target target, Workload workload) {
        return target + "/" + workload.id();
    }
}
