package org.rowmq.message;

import jakarta.jms.Destination;

import java.io.Serializable;
import java.util.Objects;

/**
 * A queue or topic of RowMQ, identified by its kind and name only: two instances naming the same queue are equal,
 * wherever they came from (created by a session, looked up in JNDI, decoded from a message's JMSReplyTo).
 */
public abstract class RowDestination implements Destination, Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;

    RowDestination(String name) {
        this.name = Objects.requireNonNull(name, "destination name");
    }

    public String name() {
        return name;
    }

    public abstract boolean isQueue();

    public boolean isTemporary() {
        return false;
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
