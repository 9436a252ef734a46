package org.rowmq.store;

/** Told that a destination may have new ready messages. Called on store threads; must return quickly. */
@FunctionalInterface
public interface ArrivalListener {
    void arrived(String destination);
}
