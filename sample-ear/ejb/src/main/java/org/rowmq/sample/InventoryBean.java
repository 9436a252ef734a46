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
 * Reserves stock for a paid order (PaymentCompleted on the stock queue) and announces StockReserved; when the stock is
 * short it announces StockShort, which the compensation bean turns into a cancelled order and a refund.
 * <p>
 * The local path: stock, reservation, order state and the event are all in the orders database, and RowMQ sends on
 * the same connection, so they commit in one local database transaction.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = Resources.LOCAL_CONNECTION_FACTORY),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Resources.STOCK_QUEUE)})
public class InventoryBean implements MessageListener {

    static final String STEP = "inventory";

    @Resource(lookup = Resources.LOCAL_CONNECTION_FACTORY)
    ConnectionFactory rowmq;

    @EJB
    Orders orders;

    @EJB
    Catalogue catalogue;

    @EJB
    Fulfilment fulfilment;

    @EJB
    Faults faults;

    @EJB
    Attempts attempts;

    @Override
    public void onMessage(Message message) {
        Deliveries d = Deliveries.of(message);
        Order order = orders.find(d.orderId()).orElseThrow(() -> new IllegalStateException(
                "PaymentCompleted names order " + d.orderId() + ", which does not exist"));
        if (order.state() != OrderState.PAID) {
            attempts.record(STEP, d, Attempts.ALREADY + order.state() + "; acknowledged without reserving again");
            return;
        }
        try (JMSContext jms = rowmq.createContext()) {
            if (catalogue.reserve(order.item(), order.quantity())) {
                fulfilment.reserve(order.id(), order.item(), order.quantity());
                if (faults.takeInventoryKill()) {
                    attempts.record(STEP, d, "killed midway: stock taken and reservation written, StockReserved not"
                            + " sent; the rollback undoes both and the message comes back");
                    throw new InjectedFault("inventory step killed midway (order " + order.id() + ")");
                }
                orders.transition(order.id(), OrderState.PAID, OrderState.RESERVED);
                EventPublisher.publish(jms, Event.STOCK_RESERVED, order.id(),
                        "reserved " + order.quantity() + " x " + order.item());
            } else {
                orders.transition(order.id(), OrderState.PAID, OrderState.COMPENSATING);
                EventPublisher.publish(jms, Event.STOCK_SHORT, order.id(),
                        "only too few " + order.item() + " left for " + order.quantity());
            }
        }
        if (d.deliveryCount() > 1) {
            attempts.record(STEP, d, "succeeded on delivery " + d.deliveryCount());
        }
    }
}
