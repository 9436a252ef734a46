package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** A test bean of {@link InboundIT}: bean-managed transactions (none begun), Dups-ok-acknowledge. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = "it.inbound.dupsok"),
        @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Dups-ok-acknowledge"),
        @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")})
@TransactionManagement(TransactionManagementType.BEAN)
public class DupsOkMdb implements MessageListener {
    @Resource
    TransactionSynchronizationRegistry tsr;

    @Override
    public void onMessage(Message m) {
        Inbox.add("dupsok", m, InboundIT.Tx.active(tsr));
    }
}
