package org.rowmq.ra.it;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/** A test bean of {@link EeDefaultsIT}: what the EE defaults sent, received on RowMQ's adapter. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = EeDefaultsIT.QUEUE)})
public class DefaultsMdb implements MessageListener {
    @Override
    public void onMessage(Message m) {
        Inbox.add(EeDefaultsIT.QUEUE, m, true);
    }
}
