package org.rowmq.sample;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

/** Reads what every bean needs from a delivered event: its order, its type and how often it has been delivered. */
public record Deliveries(long orderId, String eventType, int deliveryCount, String messageId) {

    public static Deliveries of(Message m) {
        try {
            if (!m.propertyExists(Resources.ORDER_ID) || !m.propertyExists(Resources.EVENT_TYPE)) {
                throw new IllegalArgumentException("Message " + m.getJMSMessageID() + " has no " + Resources.ORDER_ID
                        + " or " + Resources.EVENT_TYPE + " property; it was not sent by this application");
            }
            int count = m.propertyExists("JMSXDeliveryCount") ? m.getIntProperty("JMSXDeliveryCount") : 1;
            return new Deliveries(m.getLongProperty(Resources.ORDER_ID), m.getStringProperty(Resources.EVENT_TYPE),
                    count, m.getJMSMessageID());
        } catch (JMSException e) {
            throw new IllegalStateException("Cannot read the delivered message: " + e.getMessage(), e);
        }
    }
}
