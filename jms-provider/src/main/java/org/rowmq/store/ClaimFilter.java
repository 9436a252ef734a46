package org.rowmq.store;

/**
 * A consumer's selector as a claim applies it. The claim reads only the start of each payload (enough for the headers
 * and properties of most messages, never the body of a large one) and the whole payload only of the messages it
 * claims, so that looking past non-matching messages costs little.
 */
@FunctionalInterface
public interface ClaimFilter {
    /**
     * Whether a ready message is for this consumer.
     *
     * @param message  the message; its payload is only the start of it unless {@code complete}
     * @param complete whether {@code message.payload()} is the whole payload
     * @return true or false; null when an incomplete payload did not hold all the headers and properties (the claim
     * then asks again with the whole payload)
     */
    Boolean matches(StoredMessage message, boolean complete);
}
