package org.rowmq.sample;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TextMessage;

/**
 * Sends an event to its work queue (if it has one) and publishes it on the events topic, both through the given
 * context, so both messages belong to the caller's transaction.
 */
public final class EventPublisher {

    private EventPublisher() {
    }

    public static void publish(JMSContext jms, Event event, long orderId, String description) {
        if (event.workQueue() != null) {
            jms.createProducer().send(jms.createQueue(event.workQueue()), message(jms, event, orderId, description));
        }
        jms.createProducer().send(jms.createTopic(Resources.EVENTS_TOPIC), message(jms, event, orderId, description));
    }

    private static TextMessage message(JMSContext jms, Event event, long orderId, String description) {
        TextMessage m = jms.createTextMessage(description);
        try {
            m.setStringProperty(Resources.EVENT_TYPE, event.type());
            m.setLongProperty(Resources.ORDER_ID, orderId);
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
        return m;
    }
}
