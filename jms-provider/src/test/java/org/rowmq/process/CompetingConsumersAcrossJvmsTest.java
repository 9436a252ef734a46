package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        StoreConfig config = db.config(Duration.ofMillis(500), Duration.ofSeconds(5));
        // Opened before any child: for H2 this JVM then serves the file to the children, and a child's death cannot
        // take the server with it.
        try (java.sql.Connection holdsH2Server = db.connect();
             RowConnectionFactory factory = new RowConnectionFactory(config);
             Connection connection = factory.createConnection()) {
            Queue queue = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue(TestDatabase.unique("procs.compete"));
            List<String> ids = IntStream.range(0, MESSAGES).mapToObj(i -> "m" + i).toList();
            Map<String, Path> recordFiles;
            try (CompetingJvms consumers = CompetingJvms.start(CompetingConsumerMain.class, CONSUMERS, dir, config, 10,
                    queue.getQueueName())) {
                SharedDatabases.send(connection, queue, ids);
                consumers.awaitConsumed(MESSAGES, (name, file) -> Consumption.read(name, file).size(), factory,
                        queue.getQueueName(), Duration.ofSeconds(180));
                consumers.stop();
                recordFiles = consumers.recordFiles();
            }

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
        }
    }
}
