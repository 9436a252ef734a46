package org.rowmq.ra.it;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** A test bean of {@link InboundIT}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "events"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "billing"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "3")})
public class SharedMdb implements MessageListener {
    @Override
    public void onMessage(Message m) {
        Inbox.add("shared", m, true);
    }
}
