package org.rowmq.process;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.rowmq.testsupport.ParentLink;
import org.rowmq.testsupport.RecordFile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A child JVM that dies (by SIGKILL) holding delivered-unacknowledged messages plus whatever its prefetch claimed
 * beyond them. Records "R" for each message it was handed, then prints "HELD". Args: queue name, record file, number
 * of messages to receive, and optionally the way it holds them:
 * <ul>
 * <li>{@code client} (the default): receives them with CLIENT_ACKNOWLEDGE and never acknowledges;</li>
 * <li>{@code client-interval}: receives all but the last with CLIENT_ACKNOWLEDGE and acknowledges them (each recorded
 * "C" once acknowledge() returned, which marked as many buffered messages ahead), then receives the last and never
 * acknowledges it;</li>
 * <li>{@code auto-listener}: an AUTO_ACKNOWLEDGE MessageListener that returns from the first messages (each is
 * acknowledged, and recorded "C" once its onMessage returned) and never returns from the last one.</li>
 * </ul>
 */
public final class HoldingConsumerMain {
    private HoldingConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[2]);
        String mode = args.length > 3 ? args[3] : "client";
        boolean listener = mode.equals("auto-listener");
        ChildConsumer.run(Path.of(args[1]), child -> {
            Session session = child.connection().createSession(listener ? Session.AUTO_ACKNOWLEDGE : Session.CLIENT_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(args[0]));
            if (listener) holdInListener(consumer, child, count);
            child.start();
            if (!listener) holdReceived(consumer, child.records(), count, mode.equals("client-interval"));
            child.parent().awaitStop();
        });
    }

    private static void holdReceived(MessageConsumer consumer, RecordFile records, int count, boolean interval)
            throws JMSException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        List<Message> unacknowledged = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message m = receive(consumer, deadline);
            if (m == null) throw new IllegalStateException("no message " + (i + 1) + " of " + count + " within 30 s");
            records.line(Consumption.format(Consumption.Kind.R, m));
            unacknowledged.add(m);
            if (interval && i == count - 2) {
                m.acknowledge();
                for (Message a : unacknowledged) records.line(Consumption.format(Consumption.Kind.C, a));
            }
        }
        ParentLink.say("HELD");
    }

    /**
     * The next message, or null at the deadline. A node presumed dead (PresumedDeadNodeTest) may claim messages that
     * another node's reaper takes back before it delivers them: receive then fails, delivering nothing, and the next
     * receive goes on.
     */
    private static Message receive(MessageConsumer consumer, long deadline) throws JMSException {
        while (System.nanoTime() < deadline) {
            try {
                return consumer.receive(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (JMSException e) {
                if (e.getMessage() == null || !e.getMessage().contains("no longer held by this node")) throw e;
                System.err.println("not delivered here: " + e.getMessage());
            }
        }
        return null;
    }

    private static void holdInListener(MessageConsumer consumer, ChildConsumer child, int count) throws JMSException {
        RecordFile records = child.records();
        AtomicInteger seen = new AtomicInteger();
        consumer.setMessageListener(m -> {
            try {
                records.line(Consumption.format(Consumption.Kind.R, m));
                if (seen.incrementAndGet() < count) {
                    records.line(Consumption.format(Consumption.Kind.C, m));
                    return;
                }
                ParentLink.say("HELD");
                child.parent().awaitStop();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
