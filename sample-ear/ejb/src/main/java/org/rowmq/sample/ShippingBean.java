package org.rowmq.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Ships reserved orders. It reads the events topic through a durable subscription with a selector, so a StockReserved
 * published while the application is undeployed still waits in the subscription for it.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = Resources.LOCAL_CONNECTION_FACTORY),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Resources.EVENTS_TOPIC),
        @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
        @ActivationConfigProperty(propertyName = "clientId", propertyValue = ShippingBean.CLIENT_ID),
        @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = ShippingBean.SUBSCRIPTION),
        @ActivationConfigProperty(propertyName = "messageSelector", propertyValue = "eventType = 'StockReserved'")})
public class ShippingBean implements MessageListener {

    static final String STEP = "shipping";
    static final String CLIENT_ID = "rowmq-sample-shipping";
    static final String SUBSCRIPTION = "shipping";

    @Resource(lookup = Resources.LOCAL_CONNECTION_FACTORY)
    ConnectionFactory rowmq;

    @EJB
    Orders orders;

    @EJB
    Fulfilment fulfilment;

    @EJB
    Attempts attempts;

    @Override
    public void onMessage(Message message) {
        Deliveries d = Deliveries.of(message);
        Order order = orders.find(d.orderId()).orElseThrow(() -> new IllegalStateException(
                "StockReserved names order " + d.orderId() + ", which does not exist"));
        if (order.state() != OrderState.RESERVED) {
            attempts.record(STEP, d, Attempts.ALREADY + order.state() + "; acknowledged without shipping again");
            return;
        }
        fulfilment.ship(order.id());
        orders.transition(order.id(), OrderState.RESERVED, OrderState.SHIPPED);
        try (JMSContext jms = rowmq.createContext()) {
            EventPublisher.publish(jms, Event.ORDER_SHIPPED, order.id(), "shipped to " + order.customer());
        }
    }
}
