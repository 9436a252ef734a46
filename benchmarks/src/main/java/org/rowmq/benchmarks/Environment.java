package org.rowmq.benchmarks;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.nativo.jlibaio.LibaioContext;

/** What the table's reader needs to know about where it was measured. */
final class Environment {
    private Environment() {
    }

    static String describe(PrivatePostgres postgres) {
        StringBuilder s = new StringBuilder();
        s.append("RowMQ commit ").append(command("git", "rev-parse", "--short", "HEAD"));
        String dirty = command("git", "status", "--porcelain", "--untracked-files=no");
        if (!dirty.isEmpty() && !dirty.equals("unknown")) s.append(" (with uncommitted changes)");
        s.append("; ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
                .append(String.format(Locale.ROOT, "%.0f", memoryGib())).append(" GiB; Java ")
                .append(System.getProperty("java.version"));
        try {
            if (postgres != null) s.append("; PostgreSQL ").append(postgres.version())
                    .append(" (private cluster, initdb defaults: fsync and synchronous_commit on)");
        } catch (Exception e) {
            s.append("; PostgreSQL version unknown");
        }
        s.append("; Artemis journal type ").append(LibaioContext.isLoaded() ? "ASYNCIO (libaio)" : "NIO (no libaio)");
        return s.toString();
    }

    static String command(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static double memoryGib() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun)
            return sun.getTotalMemorySize() / (double) (1L << 30);
        return 0;
    }
}
