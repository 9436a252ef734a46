package org.rowmq.selector;

/**
 * What a selector reads from a message. Values are Boolean, Byte, Short, Integer, Long, Float, Double, String, or null
 * when the message has no such property. Header identifiers a selector may name:
 * JMSDeliveryMode ("PERSISTENT" or "NON_PERSISTENT"), JMSPriority (Integer), JMSMessageID (String),
 * JMSTimestamp (Long), JMSCorrelationID (String), JMSType (String).
 */
@FunctionalInterface
public interface SelectorContext {
    Object value(String identifier);
}
