package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.ChildJvm;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Three JVMs consume one queue at once: every message is consumed exactly once in total, and the work is shared. */
class CompetingConsumersAcrossJvmsTest {
    private static final int MESSAGES = 2_000;
    private static final int CONSUMERS = 3;

    static Stream<TestDatabase> databases() {
        return SharedDatabases.all("compete");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void threeJvmsConsumeEveryMessageExactlyOnceBetweenThem(TestDatabase db) throws Exception {
        Path dir = SharedDatabases.directory("compete", db);
        List<ChildJvm> children = new ArrayList<>();
        // Opened before any child: for H2 this JVM then serves the file to the children, and a child's death cannot
        // take the server with it.
        try (java.sql.Connection holdsH2Server = db.connect();
             RowConnectionFactory factory = new RowConnectionFactory(db.config(Duration.ofMillis(500), Duration.ofSeconds(5)));
             Connection connection = factory.createConnection()) {
            Queue queue = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue(TestDatabase.unique("procs.compete"));
            Map<String, Path> recordFiles = new LinkedHashMap<>();
            for (int i = 1; i <= CONSUMERS; i++) {
                String name = "consumer-" + i;
                Path records = dir.resolve(name + ".records");
                recordFiles.put(name, records);
                children.add(ChildJvm.builder(name, CompetingConsumerMain.class).directory(dir)
                        .properties(ChildStore.properties(db.config(Duration.ofMillis(500), Duration.ofSeconds(5)), 10))
                        .args(queue.getQueueName(), records.toString()).start());
            }
            for (ChildJvm child : children) child.awaitLine("READY", Duration.ofSeconds(60));

            List<String> ids = IntStream.range(0, MESSAGES).mapToObj(i -> "m" + i).toList();
            SharedDatabases.send(connection, queue, ids);

            long deadline = System.currentTimeMillis() + 180_000;
            while (countAll(recordFiles) < MESSAGES || factory.store().depth(queue.getQueueName()) > 0) {
                if (System.currentTimeMillis() > deadline) {
                    fail("after 180 s the consumers recorded " + countAll(recordFiles) + " of " + MESSAGES
                            + " messages and " + factory.store().depth(queue.getQueueName()) + " are still stored"
                            + children.stream().map(ChildJvm::diagnosis).reduce("", String::concat));
                }
                children.forEach(c -> assertTrue(c.isAlive(), c.name() + " died" + c.diagnosis()));
                Thread.sleep(100);
            }
            for (ChildJvm child : children) child.tell("STOP");
            for (ChildJvm child : children) assertEquals(0, child.awaitExit(Duration.ofSeconds(30)), child.name() + child.diagnosis());

            Map<String, Integer> timesConsumed = new HashMap<>();
            Map<String, Integer> perJvm = new LinkedHashMap<>();
            recordFiles.forEach((name, file) -> {
                List<Consumption> records = Consumption.read(name, file);
                perJvm.put(name, records.size());
                for (Consumption c : records) timesConsumed.merge(c.id(), 1, Integer::sum);
            });
            List<String> duplicates = timesConsumed.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            List<String> missing = ids.stream().filter(id -> !timesConsumed.containsKey(id)).toList();
            System.out.println("competing consumers on " + db + ": " + MESSAGES + " messages, per JVM " + perJvm
                    + ", duplicates " + duplicates.size() + ", missing " + missing.size());
            assertEquals(List.of(), duplicates, "messages consumed by more than one acknowledgement");
            assertEquals(List.of(), missing, "messages never consumed");
            assertEquals(new HashSet<>(ids), timesConsumed.keySet(), "only the sent ids were consumed");
            assertEquals(0, factory.store().depth(queue.getQueueName()));
            long jvmsThatGotSome = perJvm.values().stream().filter(n -> n > 0).count();
            assertTrue(jvmsThatGotSome > 1, "the queue's messages went to more than one JVM, got " + perJvm);
        } finally {
            children.forEach(ChildJvm::close);
        }
    }

    private static int countAll(Map<String, Path> recordFiles) {
        return recordFiles.entrySet().stream().mapToInt(e -> Consumption.read(e.getKey(), e.getValue()).size()).sum();
    }
}
