package org.rowmq.ra.it;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** A test bean of {@link InboundIT}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = "java:/jms/queue/orders"),
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "color = 'red'")})
public class SelectorMdb implements MessageListener {
    @Override
    public void onMessage(Message m) {
        Inbox.add("selector", m, true);
    }
}
