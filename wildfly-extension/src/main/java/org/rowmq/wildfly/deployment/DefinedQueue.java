package org.rowmq.wildfly.deployment;

import jakarta.jms.Queue;

import java.io.Serializable;

/** A queue of a {@code @JMSDestinationDefinition}: RowMQ takes any {@link Queue} by its name. */
record DefinedQueue(String name) implements Queue, Serializable {
    @Override
    public String getQueueName() {
        return name;
    }

    @Override
    public String toString() {
        return "queue://" + name;
    }
}
