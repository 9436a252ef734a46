package org.rowmq.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-destination limits, kept in the database so every JVM applies the same ones.
 *
 * @param maxMessages      backlog limit, 0 for none
 * @param whenFull         what a send does when the backlog limit is reached
 * @param blockTimeout     how long a send waits for room under {@link FullPolicy#BLOCK}
 * @param maxDeliveries    deliveries after which a message moves to the dead-letter queue
 * @param deadLetterQueue  where such messages go
 * @param redeliveryDelay  how long a redelivered message stays invisible
 */
public record DestinationSettings(long maxMessages, FullPolicy whenFull, Duration blockTimeout, int maxDeliveries,
                                  String deadLetterQueue, Duration redeliveryDelay) {

    public enum FullPolicy { FAIL, BLOCK }

    public static final int DEFAULT_MAX_DELIVERIES = 10;
    public static final String DEFAULT_DEAD_LETTER_QUEUE = "DLQ";

    public static final DestinationSettings DEFAULTS = new DestinationSettings(0, FullPolicy.FAIL, Duration.ZERO,
            DEFAULT_MAX_DELIVERIES, DEFAULT_DEAD_LETTER_QUEUE, Duration.ZERO);

    public DestinationSettings {
        Objects.requireNonNull(whenFull, "whenFull");
        Objects.requireNonNull(blockTimeout, "blockTimeout");
        Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
        Objects.requireNonNull(redeliveryDelay, "redeliveryDelay");
        if (maxMessages < 0) throw new IllegalArgumentException("maxMessages must be 0 (no limit) or positive, was " + maxMessages);
        if (maxDeliveries < 1) throw new IllegalArgumentException("maxDeliveries must be at least 1, was " + maxDeliveries);
        if (blockTimeout.isNegative() || redeliveryDelay.isNegative()) throw new IllegalArgumentException("durations must not be negative");
    }

    public DestinationSettings withMaxMessages(long max, FullPolicy policy, Duration timeout) {
        return new DestinationSettings(max, policy, timeout, maxDeliveries, deadLetterQueue, redeliveryDelay);
    }

    public DestinationSettings withMaxDeliveries(int max, String dlq) {
        return new DestinationSettings(maxMessages, whenFull, blockTimeout, max, dlq, redeliveryDelay);
    }

    public DestinationSettings withRedeliveryDelay(Duration delay) {
        return new DestinationSettings(maxMessages, whenFull, blockTimeout, maxDeliveries, deadLetterQueue, delay);
    }
}
