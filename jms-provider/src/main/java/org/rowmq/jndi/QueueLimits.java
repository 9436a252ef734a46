package org.rowmq.jndi;

import org.rowmq.store.DestinationSettings;
import org.rowmq.store.DestinationSettings.FullPolicy;

import java.time.Duration;

/**
 * The limits the properties give for one queue; null fields were not given and keep the value already stored in the
 * database, so a JVM configuring one limit does not reset limits another JVM set.
 *
 * @param queue the physical queue name
 * @param keys  the property keys these limits came from, for error messages
 */
record QueueLimits(String queue, String keys, Long maxMessages, FullPolicy whenFull, Duration blockTimeout,
                   Integer maxDeliveries, String deadLetterQueue, Duration redeliveryDelay) {

    DestinationSettings applyTo(DestinationSettings stored) {
        return new DestinationSettings(
                maxMessages != null ? maxMessages : stored.maxMessages(),
                whenFull != null ? whenFull : stored.whenFull(),
                blockTimeout != null ? blockTimeout : stored.blockTimeout(),
                maxDeliveries != null ? maxDeliveries : stored.maxDeliveries(),
                deadLetterQueue != null ? deadLetterQueue : stored.deadLetterQueue(),
                redeliveryDelay != null ? redeliveryDelay : stored.redeliveryDelay());
    }
}
