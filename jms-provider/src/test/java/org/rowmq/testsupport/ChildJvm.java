package org.rowmq.testsupport;

import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Another JVM on this machine running a main class from the test classpath, for tests that need real separate
 * processes (competing consumers across JVMs, a JVM killed with {@code kill -9}). Its stdout and stderr go to files
 * under the given directory, kept for diagnosis; {@link #awaitLine} waits for a line the child prints (e.g. "READY").
 *
 * <p>The child's stdin stays open: a child that reads it sees end-of-file when this JVM dies, so it can exit rather
 * than linger. {@link #kill()} sends SIGKILL (on Linux {@link Process#destroyForcibly()} is {@code kill -9}); every
 * child still alive when this JVM exits is killed too. Close each one in a {@code finally} (try-with-resources).
 */
public final class ChildJvm implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final long POLL_MILLIS = 20;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "kill-child-jvms"));
    }

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final OutputStream stdin;

    private ChildJvm(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.stdin = process.getOutputStream();
    }

    /** A child running {@code mainClass}, named {@code name} in messages and in its output files. */
    public static Builder builder(String name, Class<?> mainClass) {
        return new Builder(name, mainClass);
    }

    public static final class Builder {
        private final String name;
        private final Class<?> mainClass;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();
        private Path directory = Path.of("target", "child-jvms");

        private Builder(String name, Class<?> mainClass) {
            this.name = name;
            this.mainClass = mainClass;
        }

        /** A system property for the child; null values are left out. */
        public Builder property(String key, String value) {
            if (value != null) properties.put(key, value);
            return this;
        }

        public Builder properties(Map<String, String> all) {
            all.forEach(this::property);
            return this;
        }

        public Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        /** Where {@code <name>.out} and {@code <name>.err} go. */
        public Builder directory(Path dir) {
            this.directory = dir;
            return this;
        }

        public ChildJvm start() throws IOException {
            Files.createDirectories(directory);
            Path out = directory.resolve(name + ".out").toAbsolutePath();
            Path err = directory.resolve(name + ".err").toAbsolutePath();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // Small and quick to start: the machine is shared, and a crash loop starts dozens of these.
            command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
            command.addAll(args);
            Process p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            LIVE.add(p);
            return new ChildJvm(name, p, out, err);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the child printed {@code line} on stdout; fails (with its stderr) if it exits first or times out. */
    public void awaitLine(String line, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!stdoutLines().contains(line)) {
            if (!process.isAlive() && !stdoutLines().contains(line)) {
                Assertions.fail(name + " exited with " + process.exitValue() + " before printing '" + line + "'" + diagnosis());
            }
            if (System.nanoTime() > deadline) {
                Assertions.fail(name + " did not print '" + line + "' within " + timeout + diagnosis());
            }
            sleep(POLL_MILLIS);
        }
    }

    public List<String> stdoutLines() {
        return readLines(stdout);
    }

    public String stderrText() {
        return String.join("\n", readLines(stderr));
    }

    /** Sends one line to the child's stdin. */
    public void tell(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(name + " does not read its stdin any more", e);
        }
    }

    /** Waits for the child to exit by itself; fails if it does not within the timeout. Returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            Assertions.fail(name + " did not exit within " + timeout + ", its threads: " + threadDump() + diagnosis());
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    /**
     * Where a child that hangs is stuck: its threads, as {@code jcmd Thread.print} shows them, in a file beside its
     * output (the path is returned, or why there is none).
     */
    private String threadDump() throws InterruptedException {
        Path dump = stdout.resolveSibling(name + ".threads");
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "jcmd did not answer within 30 s";
            }
            return dump.toString();
        } catch (IOException e) {
            return "none (" + e.getMessage() + ")";
        }
    }

    /** {@code kill -9}: the child gets no chance to clean up. Returns once it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            Assertions.fail(name + " (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
        LIVE.remove(process);
    }

    /** Kills the child if it still runs; for finally blocks. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            LIVE.remove(process);
            return;
        }
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where to look: the output files and the end of stderr. */
    public String diagnosis() {
        List<String> err = readLines(stderr);
        List<String> tail = err.subList(Math.max(0, err.size() - 30), err.size());
        return "\n  " + name + " pid " + process.pid() + ", stdout " + stdout + ", stderr " + stderr
                + (tail.isEmpty() ? "" : "\n  stderr tail:\n    " + String.join("\n    ", tail));
    }

    private static List<String> readLines(Path file) {
        try {
            if (!Files.exists(file)) return List.of();
            // Lenient decoding: a child killed mid-write may leave half a character behind.
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (text.isEmpty()) return List.of();
            return List.of(text.split("\\R"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a child JVM", e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
