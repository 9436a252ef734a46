package org.rowmq.store;

/**
 * A message on its way into the store, already encoded once by the message layer; the store writes the payload as is.
 *
 * @param destination   physical queue name
 * @param priority      0..9
 * @param persistent    false allows the store to skip waiting for durability
 * @param timeToLive    milliseconds, 0 for never expiring
 * @param deliveryDelay milliseconds before the message becomes visible, 0 for at once
 * @param payload       headers, properties and body in the message layer's encoding
 */
public record OutgoingMessage(String destination, int priority, boolean persistent, long timeToLive,
                              long deliveryDelay, byte[] payload) {
}
