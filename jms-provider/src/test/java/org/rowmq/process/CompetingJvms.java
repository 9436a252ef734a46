package org.rowmq.process;

import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.ChildJvm;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The test JVM's side of consumer JVMs competing for one queue: each runs a {@link ChildConsumer} main (args: queue
 * name, record file) and records into its own file. Starts them and waits until they are ready, waits until they
 * consumed everything, and stops them cleanly; closing kills whatever still runs.
 */
final class CompetingJvms implements AutoCloseable {

    /** How many records one child's file holds, read in that child's format. */
    @FunctionalInterface
    interface RecordCount {
        int of(String child, Path file);
    }

    private final List<ChildJvm> children = new ArrayList<>();
    private final Map<String, Path> recordFiles = new LinkedHashMap<>();

    private CompetingJvms() {
    }

    /** {@code count} children named consumer-1, consumer-2, ..., with their output and record files in {@code dir}. */
    static CompetingJvms start(Class<?> main, int count, Path dir, StoreConfig config, int prefetch, String queue)
            throws IOException {
        CompetingJvms jvms = new CompetingJvms();
        try {
            for (int i = 1; i <= count; i++) {
                String name = "consumer-" + i;
                Path records = dir.resolve(name + ".records");
                jvms.recordFiles.put(name, records);
                jvms.children.add(ChildJvm.builder(name, main).directory(dir)
                        .properties(ChildStore.properties(config, prefetch))
                        .args(queue, records.toString()).start());
            }
            for (ChildJvm child : jvms.children) child.awaitLine("READY", Duration.ofSeconds(60));
            return jvms;
        } catch (IOException | RuntimeException | Error e) {
            jvms.close();
            throw e;
        }
    }

    /** Each child's record file by its name, in the order they were started. */
    Map<String, Path> recordFiles() {
        return recordFiles;
    }

    /**
     * Waits until the children recorded {@code total} messages between them and the queue is empty; fails, with each
     * child's diagnosis, if one dies or the time is up.
     */
    void awaitConsumed(int total, RecordCount count, RowConnectionFactory factory, String queue, Duration timeout)
            throws Exception {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (recorded(count) < total || factory.store().depth(queue) > 0) {
            if (System.currentTimeMillis() > deadline) {
                fail("after " + timeout.toSeconds() + " s the consumers recorded " + recorded(count) + " of " + total
                        + " messages and " + factory.store().depth(queue) + " are still stored"
                        + children.stream().map(ChildJvm::diagnosis).reduce("", String::concat));
            }
            children.forEach(c -> assertTrue(c.isAlive(), c.name() + " died" + c.diagnosis()));
            Thread.sleep(100);
        }
    }

    /** Tells every child to stop; each must exit by itself, cleanly. */
    void stop() throws InterruptedException {
        for (ChildJvm child : children) child.tell("STOP");
        for (ChildJvm child : children) {
            assertEquals(0, child.awaitExit(Duration.ofSeconds(30)), child.name() + child.diagnosis());
        }
    }

    private int recorded(RecordCount count) {
        return recordFiles.entrySet().stream().mapToInt(e -> count.of(e.getKey(), e.getValue())).sum();
    }

    @Override
    public void close() {
        children.forEach(ChildJvm::close);
    }
}
