package org.rowmq.spring.boot;

import org.rowmq.store.DestinationSettings;

import java.util.function.UnaryOperator;

/**
 * One {@code rowmq.destinations.<name>} entry as a change to the destination's stored settings: the properties given
 * replace the stored ones, the others stay (so two applications sharing the database can each set their part).
 */
final class DestinationLimits {

    private DestinationLimits() {
    }

    static UnaryOperator<DestinationSettings> change(RowMqProperties.Destination d) {
        return stored -> {
            DestinationSettings s = stored;
            if (d.getMaxMessages() != null || d.getWhenFull() != null || d.getBlockTimeout() != null)
                s = s.withMaxMessages(d.getMaxMessages() != null ? d.getMaxMessages() : s.maxMessages(),
                        d.getWhenFull() != null ? d.getWhenFull() : s.whenFull(),
                        d.getBlockTimeout() != null ? d.getBlockTimeout() : s.blockTimeout());
            if (d.getMaxDeliveries() != null || d.getDeadLetterQueue() != null)
                s = s.withMaxDeliveries(d.getMaxDeliveries() != null ? d.getMaxDeliveries() : s.maxDeliveries(),
                        d.getDeadLetterQueue() != null ? d.getDeadLetterQueue() : s.deadLetterQueue());
            if (d.getRedeliveryDelay() != null) s = s.withRedeliveryDelay(d.getRedeliveryDelay());
            return s;
        };
    }
}
