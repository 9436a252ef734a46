package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * A test bean of {@link InboundIT}: outside any transaction (NOT_SUPPORTED), Auto-acknowledge; it throws a
 * RuntimeException while the message's delivery count is at most its int property {@code failUntil}. Each message's
 * deliveries go to the inbox named by its body.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.inbound.nt-failing"),
        @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Auto-acknowledge"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NonTransactedFailingMdb implements MessageListener {
    @Resource
    TransactionSynchronizationRegistry tsr;

    @Override
    public void onMessage(Message m) {
        try {
            Inbox.add(m.getBody(String.class), m, InboundIT.Tx.active(tsr));
            if (m.getIntProperty("JMSXDeliveryCount") <= m.getIntProperty("failUntil"))
                throw new IllegalStateException("delivery " + m.getIntProperty("JMSXDeliveryCount") + " fails on purpose");
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
