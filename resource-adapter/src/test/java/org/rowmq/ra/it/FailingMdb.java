package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;

/** A test bean of {@link InboundIT}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.inbound.failing")})
public class FailingMdb implements MessageListener {
    @Resource
    MessageDrivenContext context;

    @Override
    public void onMessage(Message m) {
        Inbox.add("failing", m, true);
        context.setRollbackOnly();
    }
}
