package org.rowmq.sample;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.MessageDriven;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Charges an order (OrderCreated on the orders queue) and announces PaymentCompleted or PaymentFailed.
 * <p>
 * The XA path: the payment row goes to the separate payments database (an XA datasource) and the event is sent
 * through RowMQ's XA connection factory, so the transaction has several participants and Narayana commits them in
 * two phases. Either the payment row, the event and the consumption of OrderCreated all happen, or none does.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "connectionFactoryLookup", propertyValue = Resources.XA_CONNECTION_FACTORY),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue"),
        @ActivationConfigProperty(propertyName = "destination", propertyValue = Resources.ORDERS_QUEUE)})
public class PaymentBean implements MessageListener {

    static final String STEP = "payment";

    @Resource(lookup = Resources.XA_CONNECTION_FACTORY)
    ConnectionFactory rowmq;

    @EJB
    Orders orders;

    @EJB
    Payments payments;

    @EJB
    Faults faults;

    @EJB
    Attempts attempts;

    @Override
    public void onMessage(Message message) {
        Deliveries d = Deliveries.of(message);
        Order order = orders.find(d.orderId()).orElseThrow(() -> new IllegalStateException(
                "OrderCreated names order " + d.orderId() + ", which does not exist"));
        if (order.state() != OrderState.PLACED) {
            attempts.record(STEP, d, Attempts.ALREADY + order.state() + "; acknowledged without charging again");
            return;
        }
        boolean declined = order.card().startsWith("0");
        try {
            payments.record(order.id(), order.amountCents(), declined ? Payments.DECLINED : Payments.CHARGED,
                    faults.databaseRefuses());
        } catch (EJBException e) {
            attempts.record(STEP, d, "rolled back, the payments database refused the row: " + rootMessage(e));
            throw e;
        }
        if (faults.paymentThrows()) {
            attempts.record(STEP, d, "rolled back, the payment bean threw after writing the payment row");
            throw new InjectedFault("payment bean failure injected from the page (order " + order.id() + ")");
        }
        orders.transition(order.id(), OrderState.PLACED, declined ? OrderState.PAYMENT_FAILED : OrderState.PAID);
        try (JMSContext jms = rowmq.createContext()) {
            if (declined) {
                EventPublisher.publish(jms, Event.PAYMENT_FAILED, order.id(), "card " + order.card() + " declined");
            } else {
                EventPublisher.publish(jms, Event.PAYMENT_COMPLETED, order.id(),
                        "charged " + order.amountCents() + " cents");
            }
        }
        if (d.deliveryCount() > 1) {
            attempts.record(STEP, d, "succeeded on delivery " + d.deliveryCount());
        }
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
