package org.rowmq.selector;

/**
 * What a selector reads from a message. Values are Boolean, Byte, Short, Integer, Long, Float, Double, String, or null
 * when the message has no such property. Header identifiers a selector may name:
 * JMSDeliveryMode ("PERSISTENT" or "NON_PERSISTENT"), JMSPriority (Integer), JMSMessageID (String),
 * JMSTimestamp (Long), JMSCorrelationID (String), JMSType (String).
 *
 * <p>{@link Selector#parse} rejects every other name beginning with JMS except JMSX and JMS_ property names, so
 * {@link #value} is only ever asked for those six headers and for property names (case-sensitive). It is called on
 * the dispatch path once per identifier occurrence and candidate message, so it should be a plain lookup. A value of
 * any other type is treated like a value of the wrong type: the operators that read it are UNKNOWN.
 */
@FunctionalInterface
public interface SelectorContext {
    Object value(String identifier);
}
