package org.rowmq.store;

/**
 * A message on its way into the store, already encoded once by the message layer; the store writes the payload as is.
 *
 * @param destination        physical queue or topic name
 * @param priority           0..9
 * @param persistent         false: the sender need not wait for durability (the store writes both kinds alike)
 * @param timeToLive         milliseconds, 0 for never expiring
 * @param deliveryDelay      milliseconds before the message becomes visible, 0 for at once
 * @param payload            headers, properties and body in the message layer's encoding
 * @param topic              true when {@code destination} is a topic: the store keeps the payload once and gives each
 *                           matching subscription a row referencing it when the sending transaction commits
 * @param publisherConnection the sending connection's id, for subscriptions that exclude their own (noLocal)
 * @param publisherClientId  the sending connection's client ID or null, for durable noLocal subscriptions
 * @param group              its message group (JMSXGroupID), or null for an ungrouped message
 */
public record OutgoingMessage(String destination, int priority, boolean persistent, long timeToLive,
                              long deliveryDelay, byte[] payload, boolean topic, String publisherConnection,
                              String publisherClientId, MessageGroup group) {

    /** An ungrouped message. */
    public OutgoingMessage(String destination, int priority, boolean persistent, long timeToLive, long deliveryDelay,
                           byte[] payload, boolean topic, String publisherConnection, String publisherClientId) {
        this(destination, priority, persistent, timeToLive, deliveryDelay, payload, topic, publisherConnection,
                publisherClientId, null);
    }

    /** A message for a queue. */
    public OutgoingMessage(String destination, int priority, boolean persistent, long timeToLive, long deliveryDelay,
                           byte[] payload) {
        this(destination, priority, persistent, timeToLive, deliveryDelay, payload, false, null, null, null);
    }

    /**
     * A published message's row in one subscription's queue (written without the payload, which its body holds); it
     * keeps its group, so each subscription applies the group's rule to its own copy.
     */
    OutgoingMessage copyTo(String subscriptionQueue) {
        return new OutgoingMessage(subscriptionQueue, priority, persistent, timeToLive, deliveryDelay, payload, false,
                null, null, group);
    }
}
