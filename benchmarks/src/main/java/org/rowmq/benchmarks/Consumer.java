package org.rowmq.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * One consumer: its own connection and session, synchronous receive() with AUTO_ACKNOWLEDGE, or a local
 * transaction committed every n messages. On a topic it is a durable subscriber of its own (removed after the run).
 * Each message goes to the ledger once received (transacted: once its transaction committed), and its latency from
 * the producer's stamp to the histogram when the stamp lies in the measured window.
 */
final class Consumer implements Runnable {
    private static final long POLL_MILLIS = 100;

    /** What a consumer shares with its run. */
    record Shared(Ledger ledger, ConcurrentHistogram latencyMicros, long[] latencyWindow, Failure failure,
                  CountDownLatch ready) {
    }

    private final ConnectionFactory factory;
    private final Destination destination;
    private final int index;
    private final int transaction;
    private final String subscriber;
    private final Shared shared;
    private volatile boolean finished;

    /** @param subscriber the client ID and subscription name on a topic, null on a queue */
    Consumer(ConnectionFactory factory, Destination destination, int index, int transaction, String subscriber,
             Shared shared) {
        this.factory = factory;
        this.destination = destination;
        this.index = index;
        this.transaction = transaction;
        this.subscriber = subscriber;
        this.shared = shared;
    }

    /** Leave once nothing arrives any more; the run calls this after everything sent was received (or timed out). */
    void finish() {
        finished = true;
    }

    @Override
    public void run() {
        boolean transacted = transaction > 1;
        int copy = subscriber == null ? 0 : index;
        long[] pending = new long[transaction * 2];
        int count = 0;
        try (Connection connection = factory.createConnection()) {
            if (subscriber != null) connection.setClientID(subscriber);
            Session session = connection.createSession(transacted, transacted ? Session.SESSION_TRANSACTED
                    : Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = subscriber == null ? session.createConsumer(destination)
                    : session.createDurableConsumer((Topic) destination, subscriber);
            connection.start();
            shared.ready().countDown();
            while (!shared.failure().happened()) {
                Message message = consumer.receive(POLL_MILLIS);
                long now = System.nanoTime();
                if (message == null) {
                    if (count > 0) {
                        session.commit();
                        count = settle(copy, pending, count);
                    }
                    if (finished) break;
                    continue;
                }
                int producer = message.getIntProperty(Producer.PRODUCER);
                long sequence = message.getLongProperty(Producer.SEQUENCE);
                long scheduled = message.getLongProperty(Producer.SCHEDULED);
                if (scheduled >= shared.latencyWindow()[0] && scheduled < shared.latencyWindow()[1])
                    shared.latencyMicros().recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - scheduled)));
                if (!transacted) {
                    shared.ledger().received(copy, producer, sequence);
                    continue;
                }
                pending[2 * count] = producer;
                pending[2 * count + 1] = sequence;
                count++;
                if (count == transaction) {
                    session.commit();
                    count = settle(copy, pending, count);
                }
            }
            consumer.close();
            if (subscriber != null) session.unsubscribe(subscriber);
        } catch (Throwable e) {
            shared.failure().record("consumer " + index, e);
            shared.ready().countDown();
        }
    }

    private int settle(int copy, long[] pending, int count) {
        for (int i = 0; i < count; i++) shared.ledger().received(copy, (int) pending[2 * i], pending[2 * i + 1]);
        return 0;
    }
}
