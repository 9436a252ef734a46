package org.rowmq.process;

import jakarta.jms.Session;

/**
 * A child JVM consuming a queue with CLIENT_ACKNOWLEDGE until told to stop, recording each message once its
 * acknowledgement returned. Args: queue name, record file.
 */
public final class CompetingConsumerMain {
    private CompetingConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        ChildConsumer.consumeQueue(args, Session.CLIENT_ACKNOWLEDGE, (m, session, records) -> {
            m.acknowledge();
            records.line(Consumption.format(Consumption.Kind.C, m));
        });
    }
}
