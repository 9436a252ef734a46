package org.rowmq.store;

/**
 * Decides whether a published message belongs in a subscription with a selector. The store cannot read the message
 * layer's encoding, so the client layer supplies this; it is called on the committing thread and must not block.
 */
@FunctionalInterface
public interface SubscriptionMatcher {
    boolean matches(String selector, OutgoingMessage message);
}
