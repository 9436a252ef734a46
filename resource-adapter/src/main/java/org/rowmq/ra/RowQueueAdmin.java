package org.rowmq.ra;

import jakarta.jms.Queue;

/**
 * The queue admin object: a JavaBean whose {@code name} is the physical queue name. The provider accepts any
 * {@link Queue} by its name, so this needs nothing else.
 */
public class RowQueueAdmin extends AdminDestination implements Queue {
    private static final long serialVersionUID = 1L;

    @Override
    public String getQueueName() {
        return getName();
    }

    @Override
    public String toString() {
        return "queue://" + getName();
    }
}
