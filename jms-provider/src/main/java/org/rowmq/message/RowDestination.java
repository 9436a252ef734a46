package org.rowmq.message;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Objects;

/**
 * A queue or topic of RowMQ, identified by its kind and name only: two instances naming the same queue are equal,
 * wherever they came from (created by a session, looked up in JNDI, decoded from a message's JMSReplyTo).
 *
 * <p>Names an application gives are checked against {@link DestinationNames}'s grammar, which keeps RowMQ's own names
 * (temporary destinations, subscription queues) out of reach: those are made only inside this package, by
 * {@link #INTERNAL} constructors and {@link RowTemporaryQueue#create}, so no connection can name another's
 * temporary queue. A deserialized destination is checked the same way.
 */
public abstract class RowDestination implements Destination, Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;

    /** A name the application gave: the grammar applies, RowMQ's reserved names are refused. */
    RowDestination(String name, String what) throws InvalidDestinationException {
        this.name = DestinationNames.validate(name, what);
    }

    /** A name RowMQ made or stored itself (a temporary destination, a decoded JMSReplyTo). */
    RowDestination(String name, Internal internal) {
        this.name = Objects.requireNonNull(name, "destination name");
    }

    /** Marks the constructors for RowMQ's own names; only this package can pass it. */
    static final class Internal {
        private Internal() {
        }
    }

    static final Internal INTERNAL = new Internal();

    public String name() {
        return name;
    }

    public abstract boolean isQueue();

    public boolean isTemporary() {
        return false;
    }

    /** A stream cannot give a plain queue or topic a reserved name; a temporary one deserializes without owner. */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (name == null) throw new InvalidObjectException("A RowMQ destination without a name");
        if (!isTemporary()) {
            try {
                DestinationNames.validate(name, isQueue() ? "queue name" : "topic name");
            } catch (InvalidDestinationException e) {
                throw new InvalidObjectException(e.getMessage());
            }
        } else if (!name.startsWith(DestinationNames.TEMPORARY_PREFIX)) {
            throw new InvalidObjectException("'" + name + "' is not the name of a RowMQ temporary destination");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowDestination other && other.isQueue() == isQueue() && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + (isQueue() ? 1 : 2);
    }

    @Override
    public String toString() {
        return (isTemporary() ? "temp-" : "") + (isQueue() ? "queue://" : "topic://") + name;
    }
}
