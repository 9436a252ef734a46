package org.rowmq.benchmarks;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One producer: its own connection and session, persistent 1 KiB (or larger) BytesMessages with four int/long
 * properties. Closed loop: it pauses while more than the backlog limit is sent but not yet received. On a schedule
 * (latency run) it sends each message at its planned time instead and stamps that time into the message, so a late
 * send counts against the latency (no coordinated omission).
 */
final class Producer implements Runnable {
    static final String PRODUCER = "producer";
    static final String SEQUENCE = "sequence";
    static final String SCHEDULED = "scheduled";
    static final String RUN = "run";

    /** Where a producer reports what it sent and learns how far the consumers are behind. */
    interface Flow {
        /** Messages sent (all producers) but not yet received; the producer waits while this exceeds the limit. */
        long outstanding();

        void sending();

        /** Messages 0..count-1 of this producer are durable. */
        void sent(int producer, long count);
    }

    /**
     * @param periodNanos  0 for closed loop; otherwise the time between two messages of all producers together
     */
    record Plan(int index, int producers, int transaction, int bodyBytes, int run, long backlog, long periodNanos,
                long startNanos) {
    }

    private final ConnectionFactory factory;
    private final Destination destination;
    private final Plan plan;
    private final Flow flow;
    private final Failure failure;
    private volatile boolean stopped;

    Producer(ConnectionFactory factory, Destination destination, Plan plan, Flow flow, Failure failure) {
        this.factory = factory;
        this.destination = destination;
        this.plan = plan;
        this.flow = flow;
        this.failure = failure;
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        byte[] body = new byte[plan.bodyBytes()];
        new java.util.Random(plan.index()).nextBytes(body);
        boolean transacted = plan.transaction() > 1;
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(transacted, transacted ? Session.SESSION_TRANSACTED
                    : Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(destination);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            long sequence = 0;
            while (!stopped && !failure.happened()) {
                long stamp = waitForTurn(sequence);
                if (stopped) break;
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body);
                message.setIntProperty(PRODUCER, plan.index());
                message.setLongProperty(SEQUENCE, sequence);
                message.setLongProperty(SCHEDULED, stamp);
                message.setIntProperty(RUN, plan.run());
                flow.sending();
                producer.send(message);
                sequence++;
                if (!transacted) flow.sent(plan.index(), sequence);
                else if (sequence % plan.transaction() == 0) {
                    session.commit();
                    flow.sent(plan.index(), sequence);
                }
            }
            if (transacted && sequence % plan.transaction() != 0) {
                session.commit();
                flow.sent(plan.index(), sequence);
            }
        } catch (Throwable e) {
            failure.record("producer " + plan.index(), e);
        }
    }

    /** Returns the time to stamp into the message: its planned send time, or now once the backlog allows. */
    private long waitForTurn(long sequence) {
        if (plan.periodNanos() > 0) {
            long planned = plan.startNanos() + (sequence * plan.producers() + plan.index()) * plan.periodNanos();
            long wait;
            while (!stopped && (wait = planned - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
            return planned;
        }
        while (!stopped && flow.outstanding() > plan.backlog()) LockSupport.parkNanos(100_000);
        return System.nanoTime();
    }
}
