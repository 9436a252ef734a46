package org.rowmq.wildfly.deployment;

import jakarta.jms.Topic;

import java.io.Serializable;

/** A topic of a {@code @JMSDestinationDefinition}: RowMQ takes any {@link Topic} by its name. */
record DefinedTopic(String name) implements Topic, Serializable {
    @Override
    public String getTopicName() {
        return name;
    }

    @Override
    public String toString() {
        return "topic://" + name;
    }
}
