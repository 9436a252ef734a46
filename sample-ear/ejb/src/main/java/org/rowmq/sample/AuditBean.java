package org.rowmq.sample;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Records every event of the events topic. Its subscription is durable and shared (no client ID): its instances, and
 * the instances on other servers sharing the database, split the events between them, each event recorded once.
 */
@MessageDriven(activationConfig = {
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
