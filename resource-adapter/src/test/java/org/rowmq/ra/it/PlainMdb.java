package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** A test bean of {@link InboundIT}. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.inbound.plain")})
public class PlainMdb implements MessageListener {
    @Resource
    TransactionSynchronizationRegistry tsr;

    @Override
    public void onMessage(Message m) {
        Inbox.add("plain", m, InboundIT.Tx.active(tsr));
    }
}
