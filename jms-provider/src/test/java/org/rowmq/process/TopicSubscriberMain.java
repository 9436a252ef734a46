package org.rowmq.process;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import org.rowmq.testsupport.ParentLink;
import org.rowmq.testsupport.RecordFile;

import java.nio.file.Path;

/**
 * A child JVM subscribed to a topic with CLIENT_ACKNOWLEDGE, recording what it receives (see {@link Consumption}).
 * It prints "READY" once its subscription exists, so that everything published afterwards is copied to it.
 *
 * <p>Args: kind ({@link Kind}), topic, client ID or "-", subscription name or "-", selector or "-", record file, mode
 * and its numbers:
 * <ul>
 *   <li>{@code HOLD n k}: receives n messages (R lines), acknowledges after the k-th (C lines for the first k), then
 *   prints "HELD" and holds the rest unacknowledged until killed or told "STOP" (then it closes cleanly);</li>
 *   <li>{@code DRAIN n}: receives n messages, then whatever else comes within 2 s (R lines, so that a surplus shows),
 *   acknowledges them all, prints "DONE" and waits for "STOP";</li>
 *   <li>{@code CONSUME [pause]}: receives and acknowledges each message (C lines) until "STOP", pausing the given
 *   milliseconds (default none) after each, as an application's work would;</li>
 * </ul>
 */
public final class TopicSubscriberMain {
    enum Kind { DURABLE, SHARED_DURABLE, NONDURABLE }

    private static final long SURPLUS_WAIT_MILLIS = 2_000;

    private TopicSubscriberMain() {
    }

    public static void main(String[] args) throws Exception {
        Kind kind = Kind.valueOf(args[0]);
        String selector = dash(args[4]);
        ChildConsumer.run(Path.of(args[5]), child -> {
            Connection connection = child.connection();
            if (dash(args[2]) != null) connection.setClientID(args[2]);
            Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            Topic topic = session.createTopic(args[1]);
            MessageConsumer consumer = switch (kind) {
                case DURABLE -> session.createDurableConsumer(topic, args[3], selector, false);
                case SHARED_DURABLE -> session.createSharedDurableConsumer(topic, args[3], selector);
                case NONDURABLE -> session.createConsumer(topic, selector);
            };
            child.start();
            RecordFile records = child.records();
            switch (args[6]) {
                case "HOLD" -> hold(consumer, records, Integer.parseInt(args[7]), Integer.parseInt(args[8]));
                case "DRAIN" -> drain(consumer, records, Integer.parseInt(args[7]));
                case "CONSUME" -> {
                    long pause = args.length > 7 ? Long.parseLong(args[7]) : 0;
                    child.receiveUntilStopped(consumer, m -> {
                        m.acknowledge();
                        records.line(Consumption.format(Consumption.Kind.C, m));
                        if (pause > 0) Thread.sleep(pause);
                    });
                }
                default -> throw new IllegalArgumentException("unknown mode " + args[6]);
            }
            child.parent().awaitStop();
        });
        ParentLink.say("STOPPED");
    }

    private static void hold(MessageConsumer consumer, RecordFile records, int count, int acknowledged) throws Exception {
        java.util.List<Message> received = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message m = receive(consumer, i, count);
            records.line(Consumption.format(Consumption.Kind.R, m));
            received.add(m);
            if (i + 1 == acknowledged) {
                m.acknowledge();
                for (Message done : received) records.line(Consumption.format(Consumption.Kind.C, done));
            }
        }
        ParentLink.say("HELD");
    }

    private static void drain(MessageConsumer consumer, RecordFile records, int count) throws Exception {
        Message last = null;
        for (int i = 0; i < count; i++) {
            last = receive(consumer, i, count);
            records.line(Consumption.format(Consumption.Kind.R, last));
        }
        for (Message m; (m = consumer.receive(SURPLUS_WAIT_MILLIS)) != null; last = m) {
            records.line(Consumption.format(Consumption.Kind.R, m));
        }
        if (last != null) last.acknowledge();
        ParentLink.say("DONE");
    }

    private static Message receive(MessageConsumer consumer, int i, int count) throws Exception {
        Message m = consumer.receive(30_000);
        if (m == null) throw new IllegalStateException("no message " + (i + 1) + " of " + count + " within 30 s");
        return m;
    }

    private static String dash(String arg) {
        return arg.equals("-") ? null : arg;
    }
}
