package org.rowmq.ra.it;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;

/** A test bean of {@link InboundIT}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.inbound.failonce")})
public class FailOnceMdb implements MessageListener {
    @Override
    public void onMessage(Message m) {
        Inbox.add("failonce", m, true);
        try {
            if (!m.getJMSRedelivered()) throw new IllegalStateException("first delivery fails on purpose");
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
