package org.rowmq.message;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Topic;

/** A topic; the name follows {@link DestinationNames}'s grammar, RowMQ's reserved names excepted. */
public class RowTopic extends RowDestination implements Topic {
    private static final long serialVersionUID = 1L;

    /** @throws InvalidDestinationException if the name breaks the grammar or is one of RowMQ's own */
    public RowTopic(String name) throws InvalidDestinationException {
        super(name, "topic name");
    }

    RowTopic(String name, Internal internal) {
        super(name, internal);
    }

    @Override
    public final boolean isQueue() {
        return false;
    }

    @Override
    public String getTopicName() {
        return name();
    }
}
