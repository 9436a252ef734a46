package org.rowmq.store;

/**
 * Decides whether a published message belongs in a subscription with a selector. The store cannot read the message
 * layer's encoding, so the client layer supplies this. It is called on the publishing thread before the group commit
 * (on the committing thread only for a subscription the publisher did not know of yet); one that throws counts as no
 * match.
 */
@FunctionalInterface
public interface SubscriptionMatcher {
    boolean matches(String selector, OutgoingMessage message);
}
