package org.rowmq.sample;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Records every event of the events topic. Its subscription is durable and shared (shareSubscriptions): its
 * instances, and the instances on other servers sharing the database, split the events between them, each event
 * recorded once. RowMQ acknowledges on the orders datasource's connection, in the same transaction as the audit row.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = Resources.LOCAL_CONNECTION_FACTORY),
        @ActivationConfigProperty(propertyName = "shareSubscriptions", propertyValue = "true"),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Resources.EVENTS_TOPIC),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = AuditBean.SUBSCRIPTION)})
public class AuditBean implements MessageListener {

    static final String SUBSCRIPTION = "audit";

    @EJB
    AuditTrail audit;

    @Override
    public void onMessage(Message message) {
        audit.record(Deliveries.of(message));
    }
}
