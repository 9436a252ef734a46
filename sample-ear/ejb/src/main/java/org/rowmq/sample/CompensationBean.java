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
 * The compensation for short stock (StockShort on the compensations queue): refunds the payment in the payments
 * database and cancels the order, in one XA transaction with the consumption of StockShort and the two events.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = Resources.XA_CONNECTION_FACTORY),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Resources.COMPENSATIONS_QUEUE)})
public class CompensationBean implements MessageListener {

    static final String STEP = "compensation";

    @Resource(lookup = Resources.XA_CONNECTION_FACTORY)
    ConnectionFactory rowmq;

    @EJB
    Orders orders;

    @EJB
    Payments payments;

    @EJB
    Attempts attempts;

    @Override
    public void onMessage(Message message) {
        Deliveries d = Deliveries.of(message);
        Order order = orders.find(d.orderId()).orElseThrow(() -> new IllegalStateException(
                "StockShort names order " + d.orderId() + ", which does not exist"));
        if (order.state() != OrderState.COMPENSATING) {
            attempts.record(STEP, d, Attempts.ALREADY + order.state() + "; acknowledged without refunding again");
            return;
        }
        if (!payments.refund(order.id())) {
            throw new IllegalStateException("order " + order.id() + " has no charged payment to refund");
        }
        orders.transition(order.id(), OrderState.COMPENSATING, OrderState.CANCELLED);
        try (JMSContext jms = rowmq.createContext()) {
            EventPublisher.publish(jms, Event.PAYMENT_REFUNDED, order.id(), "refunded " + order.amountCents() + " cents");
            EventPublisher.publish(jms, Event.ORDER_CANCELLED, order.id(), "cancelled: not enough " + order.item());
        }
    }
}
