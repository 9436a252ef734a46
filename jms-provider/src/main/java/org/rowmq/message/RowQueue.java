package org.rowmq.message;

import jakarta.jms.Queue;

/** A queue; the name is validated where the application supplies it (see {@link DestinationNames}). */
public class RowQueue extends RowDestination implements Queue {
    private static final long serialVersionUID = 1L;

    public RowQueue(String name) {
        super(name);
    }

    @Override
    public final boolean isQueue() {
        return true;
    }

    @Override
    public String getQueueName() {
        return name();
    }
}
