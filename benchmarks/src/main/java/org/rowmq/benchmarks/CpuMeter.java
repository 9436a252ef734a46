package org.rowmq.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM (the load generator with the embedded provider) and by the private PostgreSQL cluster's
 * processes (the postmaster's children, read from /proc), so that a run can say where the time per message went even
 * on a machine shared with other work. Linux only; elsewhere, or without the cluster, PostgreSQL's share reads -1.
 */
final class CpuMeter {
    /** Linux's USER_HZ, the unit of utime and stime in /proc/PID/stat. */
    private static final long TICK_NANOS = 10_000_000L;

    private final Path postmasterPid;

    /** @param dataDirectory the cluster's data directory, or null for no PostgreSQL reading */
    CpuMeter(Path dataDirectory) {
        this.postmasterPid = dataDirectory == null ? null : dataDirectory.resolve("postmaster.pid");
    }

    /** CPU nanoseconds so far: this JVM's, and the cluster's (its processes alive now), -1 when unknown. */
    record Reading(long jvmNanos, long postgresNanos) {
        Reading minus(Reading earlier) {
            return new Reading(jvmNanos - earlier.jvmNanos, postgresNanos < 0 || earlier.postgresNanos < 0 ? -1
                    : postgresNanos - earlier.postgresNanos);
        }
    }

    Reading read() {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new Reading(jvm, postgres());
    }

    private long postgres() {
        if (postmasterPid == null) return -1;
        try {
            String parent = Files.readAllLines(postmasterPid).get(0).trim();
            long ticks = ticks(Path.of("/proc", parent, "stat"));
            try (Stream<Path> all = Files.list(Path.of("/proc"))) {
                for (Path p : all.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    List<String> fields = fields(p.resolve("stat"));
                    if (fields != null && fields.get(1).equals(parent)) ticks += ticks(fields);
                }
            }
            return ticks * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long ticks(Path stat) throws IOException {
        List<String> fields = fields(stat);
        if (fields == null) throw new IOException(stat + " is gone");
        return ticks(fields);
    }

    /** utime + stime: fields 14 and 15 of /proc/PID/stat, here 11 and 12 after the state (field 3). */
    private static long ticks(List<String> afterName) {
        return Long.parseLong(afterName.get(11)) + Long.parseLong(afterName.get(12));
    }

    /**
     * The fields after the command name (which may contain spaces and parentheses): state, ppid, ... or null when the
     * process ended meanwhile.
     */
    private static List<String> fields(Path stat) {
        try {
            String line = Files.readString(stat);
            return List.of(line.substring(line.lastIndexOf(')') + 2).trim().split(" "));
        } catch (IOException e) {
            return null;
        }
    }
}
