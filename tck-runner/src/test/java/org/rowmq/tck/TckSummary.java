package org.rowmq.tck;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the TCK's tests per package and prints one line with the totals when the run ends (also written, with the
 * per-package lines, to the file named by the system property {@code tck.summary.file}). Failsafe's own summary
 * counts failures and errors apart and does not say how far the run is from the TCK's 903 tests.
 */
public class TckSummary implements TestExecutionListener {
    /** Tests a complete run of core and core20 executes (905 annotations, 2 on a private helper JUnit never runs). */
    static final int EXPECTED = 903;

    /** Static: the provider may hand each test class its own launcher session within one JVM. */
    private static final Map<String, int[]> COUNTS = new TreeMap<>();
    private static final int PASSED = 0, FAILED = 1, SKIPPED = 2;

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) return;
        int outcome = switch (result.getStatus()) {
            case SUCCESSFUL -> PASSED;
            case FAILED -> FAILED;
            case ABORTED -> SKIPPED;
        };
        count(test, outcome);
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) count(test, SKIPPED);
    }

    private static void count(TestIdentifier test, int outcome) {
        String pkg = test.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(m -> packageOf(m.getClassName())).orElse("(unknown)");
        synchronized (COUNTS) {
            COUNTS.computeIfAbsent(pkg, p -> new int[3])[outcome]++;
        }
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        StringBuilder report = new StringBuilder();
        int[] total = new int[3];
        synchronized (COUNTS) {
            for (Map.Entry<String, int[]> e : COUNTS.entrySet()) {
                int[] c = e.getValue();
                report.append(line(e.getKey(), c)).append('\n');
                for (int i = 0; i < 3; i++) total[i] += c[i];
            }
        }
        String totals = line("TCK total", total) + " (a complete run executes " + EXPECTED + ")";
        report.append(totals).append('\n');
        System.out.println(totals);
        String file = System.getProperty("tck.summary.file");
        if (file != null) {
            try {
                Files.writeString(Path.of(file), report);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the TCK summary to " + file, e);
            }
        }
    }

    private static String line(String what, int[] c) {
        return String.format("%s: %d passed, %d failed, %d skipped, %d total", what, c[PASSED], c[FAILED], c[SKIPPED],
                c[PASSED] + c[FAILED] + c[SKIPPED]);
    }
}
