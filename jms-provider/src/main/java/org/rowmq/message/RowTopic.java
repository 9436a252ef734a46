package org.rowmq.message;

import jakarta.jms.Topic;

/** A topic; the name is validated where the application supplies it (see {@link DestinationNames}). */
public class RowTopic extends RowDestination implements Topic {
    private static final long serialVersionUID = 1L;

    public RowTopic(String name) {
        super(name);
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
