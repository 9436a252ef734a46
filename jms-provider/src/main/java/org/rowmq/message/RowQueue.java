package org.rowmq.message;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Queue;

/** A queue; the name follows {@link DestinationNames}'s grammar, RowMQ's reserved names excepted. */
public class RowQueue extends RowDestination implements Queue {
    private static final long serialVersionUID = 1L;

    /** @throws InvalidDestinationException if the name breaks the grammar or is one of RowMQ's own */
    public RowQueue(String name) throws InvalidDestinationException {
        super(name, "queue name");
    }

    RowQueue(String name, Internal internal) {
        super(name, internal);
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
