package org.rowmq.ra.it;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * A test bean of {@link CredentialStoreIT}: consumes from the secured connection definition's store as the RowMQ user
 * its activation names (the store refuses consumers without credentials).
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = "java:/jms/rowmq-secure"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = CredentialStoreIT.MDB_QUEUE),
        @ActivationConfigProperty(propertyName = "user", propertyValue = "app"),
        @ActivationConfigProperty(propertyName = "password", propertyValue = "app-secret")})
public class SecureMdb implements MessageListener {
    @Override
    public void onMessage(Message m) {
        Inbox.add(CredentialStoreIT.MDB_QUEUE, m, true);
    }
}
