package org.rowmq.store;

/**
 * One destination as this JVM sees it, in JMX as {@code org.rowmq:type=Destination,node=<node id>,name="<name>"}:
 * counts since the store opened, and the depth read from the database (at most every 5 s).
 */
public interface DestinationMXBean {
    long getSent();

    /** Messages handed to the application (prefetched messages returned unseen are not counted). */
    long getDelivered();

    long getAcknowledged();

    long getExpired();

    long getRedelivered();

    long getDeadLettered();

    double getDepth();
}
