package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.TestDatabase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Consumers of different nodes (one factory each, as in different JVMs) opening the same shared durable subscription
 * at the same moment all join one subscription; none fails because another created it first.
 */
class TopicSubscribeRaceTest {
    private static final int NODES = 4;
    private static final int ROUNDS = 10;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void nodesOpeningOneSharedDurableSubscriptionAtOnceAllJoinIt(TestDatabase db) throws Exception {
        List<RowConnectionFactory> factories = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(NODES);
        try {
            for (int i = 0; i < NODES; i++) {
                RowConnectionFactory factory = new RowConnectionFactory(db.config());
                factories.add(factory);
                connections.add(factory.createConnection());
            }
            Topic topic = connections.get(0).createSession(false, Session.AUTO_ACKNOWLEDGE).createTopic(TestDatabase.unique("race"));
            for (int round = 0; round < ROUNDS; round++) {
                String name = TestDatabase.unique("racers");
                CyclicBarrier start = new CyclicBarrier(NODES);
                List<Future<MessageConsumer>> opened = new ArrayList<>();
                for (Connection c : connections) {
                    opened.add(pool.submit(() -> {
                        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                        start.await(30, TimeUnit.SECONDS);
                        return s.createSharedDurableConsumer(topic, name);
                    }));
                }
                List<MessageConsumer> consumers = new ArrayList<>();
                for (Future<MessageConsumer> f : opened) consumers.add(f.get(60, TimeUnit.SECONDS));
                assertEquals(NODES, consumers.size(), "round " + round + ": every node joined");
                for (MessageConsumer consumer : consumers) consumer.close();
                connections.get(0).createSession(false, Session.AUTO_ACKNOWLEDGE).unsubscribe(name);
            }
        } finally {
            pool.shutdownNow();
            for (Connection c : connections) c.close();
            for (RowConnectionFactory f : factories) f.close();
        }
    }
}
