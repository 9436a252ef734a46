package org.rowmq.client;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Asynchronous sends of several sessions at once, whose writes the store's group commit interleaves: each
 * session's messages arrive in send order and its CompletionListener hears of them in send order (JMS 3.1, 7.3.8).
 */
class AsyncSendOrderTest {
    private static final int SESSIONS = 4;
    private static final int PER_SESSION = 100;
    private static final long WAIT = 30_000;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void eachSessionsAsyncSendsArriveAndCompleteInSendOrder(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             Connection sending = cf.createConnection(); Connection receiving = cf.createConnection()) {
            Queue queue = receiving.createSession().createQueue(TestDatabase.unique("async-order"));
            List<List<Integer>> completed = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(SESSIONS * PER_SESSION);
            List<Session> sessions = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                completed.add(Collections.synchronizedList(new ArrayList<>()));
                sessions.add(sending.createSession(false, Session.AUTO_ACKNOWLEDGE));
            }
            ExecutorService senders = Executors.newFixedThreadPool(SESSIONS);
            List<Future<?>> sent = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                int session = s;
                sent.add(senders.submit(() -> {
                    MessageProducer producer = sessions.get(session).createProducer(queue);
                    CompletionListener listener = new CompletionListener() {
                        @Override
                        public void onCompletion(Message message) {
                            try {
                                completed.get(session).add(message.getIntProperty("index"));
                            } catch (jakarta.jms.JMSException e) {
                                throw new IllegalStateException(e);
                            }
                            done.countDown();
                        }

                        @Override
                        public void onException(Message message, Exception exception) {
                            done.countDown();
                        }
                    };
                    for (int i = 0; i < PER_SESSION; i++) {
                        TextMessage m = sessions.get(session).createTextMessage(session + ":" + i);
                        m.setIntProperty("index", i);
                        producer.send(m, listener);
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) f.get(WAIT, TimeUnit.MILLISECONDS);
            senders.shutdown();
            assertTrue(done.await(WAIT, TimeUnit.MILLISECONDS), "every send completed");
            List<Integer> inSendOrder = IntStream.range(0, PER_SESSION).boxed().toList();
            for (int s = 0; s < SESSIONS; s++) {
                assertEquals(inSendOrder, completed.get(s), "completions of session " + s + ", none failed");
            }

            receiving.start();
            MessageConsumer consumer = receiving.createSession(false, Session.AUTO_ACKNOWLEDGE).createConsumer(queue);
            Map<Integer, Integer> last = new HashMap<>();
            for (int n = 0; n < SESSIONS * PER_SESSION; n++) {
                TextMessage m = (TextMessage) consumer.receive(WAIT);
                assertNotNull(m, "message " + n + " arrived");
                String[] parts = m.getText().split(":");
                int session = Integer.parseInt(parts[0]);
                int index = Integer.parseInt(parts[1]);
                assertEquals(last.getOrDefault(session, -1) + 1, index, "arrived in send order: session " + session);
                last.put(session, index);
            }
        }
    }
}
