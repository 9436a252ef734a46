package org.rowmq.ra.it;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** A test bean of {@link InboundIT}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/topic/events"),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = "it-durable"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = "audit")})
public class DurableMdb implements MessageListener {
    @Override
    public void onMessage(Message m) {
        Inbox.add("durable", m, true);
    }
}
