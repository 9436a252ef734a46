package org.rowmq.admin;

import org.rowmq.store.DestinationSettings;
import org.rowmq.store.DestinationSettings.FullPolicy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** A destination's limits as options, the same names as the JNDI file's queue.NAME.* keys; unset ones are kept. */
final class LimitOptions {

    @Option(names = "--max-messages", description = "backlog limit of ready messages, 0 for none")
    Long maxMessages;

    @Option(names = "--when-full", description = "FAIL or BLOCK")
    FullPolicy whenFull;

    @Option(names = "--block-timeout", converter = Millis.class, description = "how long a BLOCK send waits: milliseconds or ISO-8601 (PT5S)")
    Duration blockTimeout;

    @Option(names = "--max-deliveries", description = "deliveries before a message moves to the dead-letter queue")
    Integer maxDeliveries;

    @Option(names = "--dead-letter-queue", description = "where such messages go (default DLQ)")
    String deadLetterQueue;

    @Option(names = "--redelivery-delay", converter = Millis.class, description = "milliseconds or ISO-8601")
    Duration redeliveryDelay;

    boolean any() {
        return maxMessages != null || whenFull != null || blockTimeout != null || maxDeliveries != null
                || deadLetterQueue != null || redeliveryDelay != null;
    }

    /** {@code base} with the given options applied; BadInput for values the provider refuses. */
    DestinationSettings applyTo(DestinationSettings base) throws BadInput {
        check();
        try {
            return new DestinationSettings(
                    maxMessages != null ? maxMessages : base.maxMessages(),
                    whenFull != null ? whenFull : base.whenFull(),
                    blockTimeout != null ? blockTimeout : base.blockTimeout(),
                    maxDeliveries != null ? maxDeliveries : base.maxDeliveries(),
                    deadLetterQueue != null ? deadLetterQueue : base.deadLetterQueue(),
                    redeliveryDelay != null ? redeliveryDelay : base.redeliveryDelay());
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /**
     * Refuses the values the provider would refuse, naming the option the operator typed (the provider's own message
     * names its field, maxMessages, not --max-messages).
     */
    private void check() throws BadInput {
        if (maxMessages != null && maxMessages < 0)
            throw new BadInput("--max-messages must be 0 (no limit) or more, was " + maxMessages);
        if (maxDeliveries != null && maxDeliveries < 1)
            throw new BadInput("--max-deliveries must be at least 1, was " + maxDeliveries);
        if (blockTimeout != null && blockTimeout.isNegative())
            throw new BadInput("--block-timeout must not be negative, was " + blockTimeout);
        if (redeliveryDelay != null && redeliveryDelay.isNegative())
            throw new BadInput("--redelivery-delay must not be negative, was " + redeliveryDelay);
        if (deadLetterQueue != null && deadLetterQueue.isBlank()) throw new BadInput("--dead-letter-queue must not be blank");
    }

    /** Milliseconds ("5000") or an ISO-8601 duration ("PT5S"), as in the JNDI file. */
    static final class Millis implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return value.matches("\\d+") ? Duration.ofMillis(Long.parseLong(value)) : Duration.parse(value);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is neither milliseconds nor an ISO-8601 duration (PT5S)");
            }
        }
    }
}
