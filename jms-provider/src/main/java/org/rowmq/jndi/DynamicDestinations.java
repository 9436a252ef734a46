package org.rowmq.jndi;

import jakarta.jms.InvalidDestinationException;
import org.rowmq.message.RowQueue;
import org.rowmq.message.RowTopic;

import javax.naming.InvalidNameException;
import java.util.Map;

/**
 * {@code dynamicQueues/<name>} and {@code dynamicTopics/<name>}: any valid destination name looked up here is that
 * queue or topic, with no property needed, as in ActiveMQ and Qpid JMS. Lists as empty: the names are not known in
 * advance.
 */
enum DynamicDestinations implements Directory {
    QUEUES("dynamicQueues"),
    TOPICS("dynamicTopics");

    private final String contextName;

    DynamicDestinations(String contextName) {
        this.contextName = contextName;
    }

    String contextName() {
        return contextName;
    }

    @Override
    public Object get(String name) throws InvalidNameException {
        try {
            return this == QUEUES ? new RowQueue(name) : new RowTopic(name);
        } catch (InvalidDestinationException e) {
            InvalidNameException invalid = new InvalidNameException(contextName + "/" + name + ": " + e.getMessage());
            invalid.setRootCause(e);
            throw invalid;
        }
    }

    @Override
    public Map<String, Object> entries() {
        return Map.of();
    }
}
