package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.StoreConfig;
import org.rowmq.testsupport.TestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three JVMs compete for one queue of 100 groups of 50 messages, sent interleaved: every group is processed in its
 * sequence, exactly once, never by two consumers at overlapping times, and the groups spread over all three JVMs.
 */
class MessageGroupsAcrossJvmsTest {
    static final int GROUPS = 100;
    static final int PER_GROUP = 50;
    private static final int CONSUMERS = 3;

    static Stream<TestDatabase> databases() {
        return SharedDatabases.all("groups");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eachGroupIsProcessedInSequenceByOneConsumerAtATime(TestDatabase db) throws Exception {
        Path dir = SharedDatabases.directory("groups", db);
        StoreConfig config = db.config(Duration.ofMillis(500), Duration.ofSeconds(5));
        try (java.sql.Connection holdsH2Server = db.connect();
             RowConnectionFactory factory = new RowConnectionFactory(config);
             Connection connection = factory.createConnection()) {
            Queue queue = connection.createSession(false, Session.AUTO_ACKNOWLEDGE).createQueue(TestDatabase.unique("procs.groups"));
            Map<String, Path> recordFiles;
            try (CompetingJvms consumers = CompetingJvms.start(GroupConsumerMain.class, CONSUMERS, dir, config, 10,
                    queue.getQueueName())) {
                sendInterleaved(connection, queue, GROUPS, PER_GROUP, 0);
                consumers.awaitConsumed(GROUPS * PER_GROUP, (name, file) -> GroupProcessing.read(name, file).size(),
                        factory, queue.getQueueName(), Duration.ofSeconds(300));
                consumers.stop();
                recordFiles = consumers.recordFiles();
            }

            List<GroupProcessing> all = new ArrayList<>();
            recordFiles.forEach((name, file) -> all.addAll(GroupProcessing.read(name, file)));
            Map<String, Set<String>> jvmsPerGroup = new TreeMap<>();
            Map<String, Set<String>> groupsPerJvm = new TreeMap<>();
            int handovers = 0;
            for (Map.Entry<String, List<GroupProcessing>> e : byGroup(all).entrySet()) {
                List<GroupProcessing> group = e.getValue();
                assertEquals(PER_GROUP, group.size(), "group " + e.getKey() + " processed once each: " + group);
                for (int seq = 0; seq < group.size(); seq++) {
                    GroupProcessing p = group.get(seq);
                    assertEquals(seq, p.seq(), "group " + e.getKey() + " out of sequence at " + p + " in " + group);
                    if (seq > 0) {
                        GroupProcessing before = group.get(seq - 1);
                        assertTrue(before.end() <= p.start(), "group " + e.getKey() + " processed at overlapping"
                                + " times: " + before + " and " + p);
                        if (!before.process().equals(p.process())) handovers++;
                    }
                    jvmsPerGroup.computeIfAbsent(e.getKey(), k -> new java.util.TreeSet<>()).add(p.process());
                    groupsPerJvm.computeIfAbsent(p.process(), k -> new java.util.TreeSet<>()).add(e.getKey());
                }
            }
            assertEquals(GROUPS, jvmsPerGroup.size(), "every group was processed");
            Map<String, Integer> spread = groupsPerJvm.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, x -> x.getValue().size(), Integer::sum, TreeMap::new));
            System.out.println("message groups on " + db + ": " + GROUPS + " groups x " + PER_GROUP + " messages over "
                    + CONSUMERS + " JVMs; groups touched per JVM " + spread + "; " + handovers
                    + " hand-overs of a group between JVMs (each after its previous message was acknowledged)");
            assertEquals(CONSUMERS, groupsPerJvm.size(), "the groups spread over all three JVMs: " + spread);
            assertEquals(0, factory.store().depth(queue.getQueueName()));
        }
    }

    /**
     * Sends {@code groups} groups of {@code perGroup} messages interleaved (g0-0, g1-0, ..., g0-1, ...) with
     * JMSXGroupID g&lt;n&gt; and JMSXGroupSeq from {@code firstSeq}; the body is "g&lt;n&gt;-&lt;seq&gt;". Committed every 100.
     */
    static List<String> sendInterleaved(Connection connection, Queue queue, int groups, int perGroup, int firstSeq)
            throws JMSException {
        List<String> ids = new ArrayList<>();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        try {
            MessageProducer producer = session.createProducer(queue);
            int sent = 0;
            for (int seq = firstSeq; seq < firstSeq + perGroup; seq++) {
                for (int g = 0; g < groups; g++) {
                    TextMessage m = session.createTextMessage("g" + g + "-" + seq);
                    m.setStringProperty("JMSXGroupID", "g" + g);
                    m.setIntProperty("JMSXGroupSeq", seq);
                    producer.send(m);
                    ids.add(m.getText());
                    if (++sent % 100 == 0) session.commit();
                }
            }
            session.commit();
        } finally {
            session.close();
        }
        return ids;
    }

    /** Each group's processing records in the order they were processed (by start). */
    private static Map<String, List<GroupProcessing>> byGroup(List<GroupProcessing> all) {
        Map<String, List<GroupProcessing>> groups = new HashMap<>();
        for (GroupProcessing p : all) groups.computeIfAbsent(p.group(), k -> new ArrayList<>()).add(p);
        groups.values().forEach(l -> l.sort(Comparator.comparingLong(GroupProcessing::start)));
        return groups;
    }
}
