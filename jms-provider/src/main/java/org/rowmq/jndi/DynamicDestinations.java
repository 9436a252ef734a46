package org.rowmq.jndi;

import jakarta.jms.InvalidDestinationException;
import org.rowmq.message.DestinationNames;
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
    QUEUES("dynamicQueues", "queue name"),
    TOPICS("dynamicTopics", "topic name");

    private final String contextName;
    private final String what;

    DynamicDestinations(String contextName, String what) {
        this.contextName = contextName;
        this.what = what;
    }

    String contextName() {
        return contextName;
    }

    @Override
    public Object get(String name) throws InvalidNameException {
        try {
            DestinationNames.validate(name, what);
        } catch (InvalidDestinationException e) {
            InvalidNameException invalid = new InvalidNameException(contextName + "/" + name + ": " + e.getMessage());
            invalid.setRootCause(e);
            throw invalid;
        }
        return this == QUEUES ? new RowQueue(name) : new RowTopic(name);
    }

    @Override
    public Map<String, Object> entries() {
        return Map.of();
    }
}
