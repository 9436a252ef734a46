package org.rowmq.cluster;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import org.rowmq.client.RowConnectionFactory;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A message held (delivered, not yet acknowledged) by one JVM while another JVM looks for work, across a failure that
 * frees every life token at once (a server restarted, a standby promoted). A JVM that reconnects first must not take
 * the free tokens for the death of the others: the held message is not redelivered to the looker, and the holder's
 * acknowledgement works once it has reconnected. Each factory stands for one JVM (its own node).
 */
final class HeldAcrossFailure {

    /** Well past both JVMs reconnecting: the looker's empty claims and reaper passes test the holder's token. */
    private static final long LOOK_MILLIS = 8_000;
    private static final int ACKNOWLEDGE_ATTEMPTS = 20;

    private HeldAcrossFailure() {
    }

    /** @param what the failure, as the assertion messages name it ("restart", "failover") */
    static void check(RowConnectionFactory holderFactory, RowConnectionFactory lookerFactory, String queueName,
                      String what, CrashLoopTrial.Failure failure) throws Exception {
        try (Connection holderConnection = holderFactory.createConnection();
             Connection lookerConnection = lookerFactory.createConnection()) {
            Session holder = holderConnection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
            holder.createProducer(holder.createQueue(queueName)).send(holder.createTextMessage("held"));
            holderConnection.start();
            Message held = holder.createConsumer(holder.createQueue(queueName)).receive(30_000);
            assertNotNull(held, "the holder received the message");
            Session looker = lookerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer other = looker.createConsumer(looker.createQueue(queueName));
            lookerConnection.start();
            // Both JVMs hold their life tokens on the database before it fails.
            assertNull(other.receive(1_500), "the held message is the holder's");

            failure.inject(1);
            long until = System.currentTimeMillis() + LOOK_MILLIS;
            while (System.currentTimeMillis() < until) {
                Message taken;
                try {
                    taken = other.receive(500);
                } catch (JMSException e) {
                    continue; // reconnecting
                }
                assertNull(taken, "a live holder's message is not redelivered after the " + what);
            }
            assertNull(acknowledge(held), "the holder's acknowledgement works after the " + what);
        }
    }

    /** Null once the acknowledgement worked; else the last refusal (at once if the message is no longer held). */
    private static JMSException acknowledge(Message held) throws InterruptedException {
        JMSException refused = null;
        for (int attempt = 0; attempt < ACKNOWLEDGE_ATTEMPTS; attempt++) {
            try {
                held.acknowledge();
                return null;
            } catch (JMSException e) {
                refused = e;
                if (e.getMessage().contains("no longer held")) return e;
                Thread.sleep(500); // still reconnecting
            }
        }
        return refused;
    }
}
