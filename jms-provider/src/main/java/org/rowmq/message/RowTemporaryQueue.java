package org.rowmq.message;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/**
 * A temporary queue. The owner is the creating connection; a copy decoded from a message (JMSReplyTo) or deserialized
 * has none, and {@link #delete()} on it fails.
 */
public final class RowTemporaryQueue extends RowQueue implements TemporaryQueue {
    private static final long serialVersionUID = 1L;

    private final transient TemporaryDestinationOwner owner;

    /** A new temporary destination of {@code owner}, with a name of RowMQ's that no application can give. */
    public static RowTemporaryQueue create(TemporaryDestinationOwner owner) {
        return new RowTemporaryQueue(DestinationNames.TEMPORARY_PREFIX + "q." + java.util.UUID.randomUUID(), owner);
    }

    /** {@code owner} is null for a copy decoded from a message: it can be used but not deleted. */
    RowTemporaryQueue(String name, TemporaryDestinationOwner owner) {
        super(name, INTERNAL);
        this.owner = owner;
    }

    @Override
    public boolean isTemporary() {
        return true;
    }

    @Override
    public void delete() throws JMSException {
        TemporaryDestinations.delete(owner, this);
    }
}
