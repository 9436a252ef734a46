package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.store.StoreStats;
import org.rowmq.testsupport.TestDatabase;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How much a claim takes for AUTO_ACKNOWLEDGE consumers sharing a queue's prefetch in one JVM: three per consumer
 * when that is more than the prefetch (each consumer takes one message per group commit, see
 * {@link AutoAcknowledge#claimWanted()}), the prefetch otherwise, and one at a time with a prefetch of 1.
 */
class AutoAcknowledgeClaimTest {
    private static final int MESSAGES = 60;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eightConsumersSharingAPrefetchOfTenGetAClaimOfThreeEach(TestDatabase db) throws Exception {
        assertFirstClaims(db, 10, 8, 24);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void twoConsumersSharingAPrefetchOfTenGetAClaimOfTheTen(TestDatabase db) throws Exception {
        assertFirstClaims(db, 10, 2, 10);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void withAPrefetchOfOneEightConsumersGetOneMessageAClaim(TestDatabase db) throws Exception {
        assertFirstClaims(db, 1, 8, 1);
    }

    /**
     * {@code consumers} AUTO_ACKNOWLEDGE consumers of one queue, in sessions of one connection: the first receive's
     * claim takes {@code claimed} messages; then they take turns until every message is received, each once.
     */
    private static void assertFirstClaims(TestDatabase db, int prefetch, int consumers, int claimed) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config())) {
            cf.setPrefetch(prefetch);
            try (Connection c = cf.createConnection()) {
                c.start();
                Session producing = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                Queue q = producing.createQueue(TestDatabase.unique("claimsize"));
                MessageProducer p = producing.createProducer(q);
                for (int i = 0; i < MESSAGES; i++) p.send(producing.createTextMessage("m" + i));
                List<MessageConsumer> all = new ArrayList<>();
                for (int i = 0; i < consumers; i++) {
                    all.add(c.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(q));
                }

                StoreStats before = cf.store().stats();
                Set<String> received = new HashSet<>();
                received.add(((TextMessage) all.get(0).receive(10_000)).getText());
                StoreStats afterFirst = cf.store().stats();
                assertEquals(1, afterFirst.claims() - before.claims(), "one claim for the first receive");
                assertEquals(claimed, afterFirst.claimedMessages() - before.claimedMessages(),
                        "messages the first claim took for " + consumers + " consumers, prefetch " + prefetch);

                while (received.size() < MESSAGES) {
                    for (MessageConsumer consumer : all) {
                        if (received.size() == MESSAGES) break;
                        TextMessage m = (TextMessage) consumer.receive(10_000);
                        assertNotNull(m, received.size() + " of " + MESSAGES + " received");
                        assertTrue(received.add(m.getText()), "received twice: " + m.getText());
                    }
                }
                for (MessageConsumer consumer : all) assertNull(consumer.receiveNoWait(), "nothing left");
            }
        }
    }
}
