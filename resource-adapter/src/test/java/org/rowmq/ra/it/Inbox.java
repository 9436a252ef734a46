package org.rowmq.ra.it;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What the test beans received, per name; the tests wait here for deliveries (a deadline, not a speed assertion). */
public final class Inbox {
    /** One delivery as a bean saw it. */
    public record Delivery(String body, int deliveryCount, boolean redelivered, boolean inTransaction, String thread) {
    }

    private static final Map<String, BlockingQueue<Delivery>> BOXES = new ConcurrentHashMap<>();

    private Inbox() {
    }

    public static void add(String box, Message m, boolean inTransaction) {
        try {
            BOXES.computeIfAbsent(box, b -> new LinkedBlockingQueue<>()).add(new Delivery(m.getBody(String.class),
                    m.getIntProperty("JMSXDeliveryCount"), m.getJMSRedelivered(), inTransaction,
                    Thread.currentThread().getName()));
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits for {@code n} deliveries (at most 60 s in all), fewer if they do not come. */
    public static List<Delivery> await(String box, int n) throws InterruptedException {
        BlockingQueue<Delivery> q = BOXES.computeIfAbsent(box, b -> new LinkedBlockingQueue<>());
        List<Delivery> got = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (got.size() < n) {
            Delivery d = q.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (d == null) break;
            got.add(d);
        }
        return got;
    }

    /** What else arrived within {@code millis} (to show that nothing more comes). */
    public static List<Delivery> drain(String box, long millis) throws InterruptedException {
        BlockingQueue<Delivery> q = BOXES.computeIfAbsent(box, b -> new LinkedBlockingQueue<>());
        List<Delivery> got = new ArrayList<>();
        Delivery d;
        while ((d = q.poll(millis, TimeUnit.MILLISECONDS)) != null) got.add(d);
        return got;
    }
}
