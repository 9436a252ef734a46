package org.rowmq.store;

/**
 * What a consumer asks for when it subscribes to a topic.
 *
 * @param topic    physical topic name
 * @param name     the subscription name; null for an unshared non-durable subscription (it gets a generated one)
 * @param clientId the connection's client ID, or null (required for unshared durable subscriptions)
 * @param durable  survives its consumers and every JVM until unsubscribed
 * @param shared   several consumers, in any JVM, share its messages
 * @param selector message selector text evaluated at publish, or null
 * @param noLocal  messages published under this identity (a connection id, or for durable subscriptions the client ID)
 *                 are not added to the subscription; null for none
 */
public record SubscriptionSpec(String topic, String name, String clientId, boolean durable, boolean shared,
                               String selector, String noLocal) {
}
