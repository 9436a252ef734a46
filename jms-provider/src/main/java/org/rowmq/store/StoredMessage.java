package org.rowmq.store;

/**
 * A message as read from the store.
 *
 * @param id                  the row id, monotonic per database; acknowledgements and releases name it
 * @param destination         where it is stored now (a dead-letter queue after a move)
 * @param priority            0..9
 * @param deliveryCount       how many times it was delivered before (0 on first delivery)
 * @param originalDestination set when it was moved to a dead-letter queue, else null
 * @param deadLetterReason    why it was moved, else null
 * @param expiresAt           when its time to live runs out, epoch milliseconds on the database's clock; 0 for never
 *                            (the JMSExpiration header in the payload is on the sender's clock: see
 *                            {@link MessageStore#expired(StoredMessage)})
 * @param payload             the message layer's encoding
 * @param group               its message group as a claim read it; null for an ungrouped message and wherever the
 *                            reader did not ask (browsing)
 */
public record StoredMessage(long id, String destination, int priority, int deliveryCount,
                            String originalDestination, String deadLetterReason, long expiresAt, byte[] payload,
                            MessageGroup group) {

    /** A message read without its group. */
    public StoredMessage(long id, String destination, int priority, int deliveryCount, String originalDestination,
                         String deadLetterReason, long expiresAt, byte[] payload) {
        this(id, destination, priority, deliveryCount, originalDestination, deadLetterReason, expiresAt, payload, null);
    }

    /** The same message with another delivery count and payload (a claim's count, a whole payload read later). */
    StoredMessage with(int count, byte[] wholePayload) {
        return new StoredMessage(id, destination, priority, count, originalDestination, deadLetterReason, expiresAt,
                wholePayload, group);
    }
}
