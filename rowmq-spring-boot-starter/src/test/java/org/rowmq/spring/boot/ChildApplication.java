package org.rowmq.spring.boot;

import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A Boot application's main class run in another JVM on this test's classpath, to be killed with {@code kill -9}
 * ({@link Process#destroyForcibly()} on Linux). Its output goes to files under {@code target/child-apps}, kept for
 * diagnosis. Its standard input stays open; closing it is how the application is told to stop on its own.
 */
final class ChildApplication implements AutoCloseable {
    private static final Path DIRECTORY = Path.of("target", "child-apps");

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildApplication(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code mainClass} with the given {@code --name=value} arguments. */
    static ChildApplication start(String name, Class<?> mainClass, List<String> args) throws IOException {
        Files.createDirectories(DIRECTORY);
        Path out = DIRECTORY.resolve(name + ".out").toAbsolutePath();
        Path err = DIRECTORY.resolve(name + ".err").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small and quick to start: the machine running the suite is shared.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new ChildApplication(name, p, out, err);
    }

    /** Waits until the application printed {@code line}; fails (with its error output) if it exits first. */
    void awaitLine(String line, Duration timeout) throws Exception {
        await(() -> lines().contains(line), "print '" + line + "'", timeout);
    }

    /** Waits until {@code condition} holds while the application runs; fails if it exits first or on timeout. */
    void await(BooleanSupplier condition, String what, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) Assertions.fail(name + " exited with " + process.exitValue() + " before it did "
                    + what + ":\n" + Files.readString(stderr));
            if (System.nanoTime() > deadline) Assertions.fail(name + " did not " + what + " within " + timeout
                    + ":\n" + Files.readString(stderr));
            Thread.sleep(20);
        }
    }

    /** kill -9, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) Assertions.fail(name + " still runs 30 s after SIGKILL");
    }

    /** Ends its standard input, which the application takes as the order to close, and waits for it to exit. */
    void stop(Duration timeout) throws Exception {
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
            Assertions.fail(name + " did not stop within " + timeout + " once told to");
        }
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(stdout);
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }
}
