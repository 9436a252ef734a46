package org.rowmq.sample;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;

import java.util.regex.Pattern;

/**
 * Places an order: the order row and the OrderCreated message in one transaction. The injected context is the
 * transaction's, on the EE default JMS connection factory, which the server configuration makes RowMQ on the orders
 * datasource ({@link Resources#LOCAL_CONNECTION_FACTORY}), so both are written on the transaction's one orders
 * connection and committed by one local database commit: no XA, no second resource, no outbox table.
 */
@Stateless
public class OrderService {

    static final int MAX_QUANTITY = 100;
    private static final Pattern CUSTOMER = Pattern.compile("[\\p{L}\\p{N} .'@_-]{1,100}");
    private static final Pattern CARD = Pattern.compile("[0-9 -]{4,40}");

    @Inject
    JMSContext jms;

    @EJB
    Orders orders;

    @EJB
    Catalogue catalogue;

    /**
     * @param card a card number; one starting with 0 is declined by the payment bean (the demo's failing card)
     * @return the new order's id
     * @throws InvalidRequest when an argument is missing or out of range
     */
    public long place(String customer, String item, int quantity, String card) {
        if (customer == null || !CUSTOMER.matcher(customer).matches()) {
            throw new InvalidRequest("customer must be 1 to 100 letters, digits, spaces or . ' @ _ -");
        }
        if (card == null || !CARD.matcher(card).matches()) {
            throw new InvalidRequest("card must be 4 to 40 digits, spaces or dashes");
        }
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new InvalidRequest("quantity must be between 1 and " + MAX_QUANTITY + ", was " + quantity);
        }
        Catalogue.Item stocked = catalogue.item(item == null ? "" : item).orElseThrow(() -> new InvalidRequest(
                "unknown item '" + item + "'; the catalogue has " + catalogue.items().stream()
                        .map(Catalogue.Item::item).toList()));
        long amount = stocked.priceCents() * quantity;
        long id = orders.insert(customer.trim(), stocked.item(), quantity, card, amount);
        EventPublisher.publish(jms, Event.ORDER_CREATED, id,
                customer + " ordered " + quantity + " x " + stocked.item() + " for " + amount + " cents");
        return id;
    }
}
