package org.rowmq.sample;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every count the scenario must keep in agreement, from every table: orders per state, payments per state with
 * their totals, reservations, shipments, stock, events recorded by the audit bean, and the deliveries that found
 * their work already done. {@link Report#problems()} says in words what does not agree.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Reconciliation {

    /**
     * @param settled true when no order is in an intermediate state and no application queue or subscription holds a
     *                message (ready or in flight); dead letters do not count
     */
    public record Report(Map<String, Long> ordersByState, Map<String, Long> paymentsByState,
                         Map<String, Long> paymentCents, long shippedOrderCents, long cancelledOrderCents,
                         long reservations, long shipments, Map<String, Long> eventsByType, long duplicateEvents,
                         long redundantDeliveries, long deadLetters, boolean settled, List<String> problems) {
    }

    @EJB
    Orders orders;

    @EJB
    Payments payments;

    @EJB
    Fulfilment fulfilment;

    @EJB
    Catalogue catalogue;

    @EJB
    AuditTrail audit;

    @EJB
    Attempts attempts;

    @EJB
    QueueStats queues;

    public Report report() {
        // The queues first: with nothing in motion at this point, no delivery can change the counts read after it.
        long inMotion = 0;
        long deadLetters = 0;
        for (QueueStats.Depth d : queues.depths()) {
            if (d.name().equals(Resources.DEAD_LETTER_QUEUE)) {
                deadLetters = d.ready() + d.inFlight();
            } else {
                inMotion += d.ready() + d.inFlight();
            }
        }
        Map<String, Long> ordersByState = new TreeMap<>();
        orders.countByState().forEach((s, n) -> ordersByState.put(s.name(), n));
        Map<String, Long> paymentsByState = new TreeMap<>();
        Map<String, Long> paymentCents = new TreeMap<>();
        payments.totals().forEach((s, v) -> {
            paymentsByState.put(s, v[0]);
            paymentCents.put(s, v[1]);
        });
        Map<String, Long> events = audit.countByType();
        long reservations = fulfilment.reservations();
        long shipments = fulfilment.shipments();
        long shippedCents = orders.amountIn(OrderState.SHIPPED);
        long cancelledCents = orders.amountIn(OrderState.CANCELLED);
        boolean settled = inMotion == 0 && ordersByState.entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || OrderState.valueOf(e.getKey()).isFinal());

        List<String> problems = new ArrayList<>();
        long total = ordersByState.values().stream().mapToLong(Long::longValue).sum();
        agree(problems, "orders", total, "OrderCreated events", events.get("OrderCreated"));
        agree(problems, "charged + refunded payments", paymentsByState.get(Payments.CHARGED)
                + paymentsByState.get(Payments.REFUNDED), "PaymentCompleted events", events.get("PaymentCompleted"));
        agree(problems, "declined payments", paymentsByState.get(Payments.DECLINED), "PaymentFailed events",
                events.get("PaymentFailed"));
        agree(problems, "PAYMENT_FAILED orders", ordersByState.get("PAYMENT_FAILED"), "PaymentFailed events",
                events.get("PaymentFailed"));
        agree(problems, "reservations", reservations, "StockReserved events", events.get("StockReserved"));
        agree(problems, "shipments", shipments, "OrderShipped events", events.get("OrderShipped"));
        agree(problems, "SHIPPED orders", ordersByState.get("SHIPPED"), "shipments", shipments);
        agree(problems, "refunded payments", paymentsByState.get(Payments.REFUNDED), "PaymentRefunded events",
                events.get("PaymentRefunded"));
        agree(problems, "CANCELLED orders", ordersByState.get("CANCELLED"), "OrderCancelled events",
                events.get("OrderCancelled"));
        agree(problems, "StockShort events", events.get("StockShort"), "OrderCancelled events",
                events.get("OrderCancelled"));
        if (settled) {
            agree(problems, "cents charged (not refunded)", paymentCents.get(Payments.CHARGED),
                    "cents of SHIPPED orders", shippedCents);
            agree(problems, "cents refunded", paymentCents.get(Payments.REFUNDED), "cents of CANCELLED orders",
                    cancelledCents);
        }
        for (Catalogue.Item item : catalogue.items()) {
            agree(problems, item.item() + " available + reserved", item.available()
                    + fulfilment.reservedUnits(item.item()), item.item() + " initial stock", item.initialStock());
        }
        long duplicates = audit.duplicates();
        if (duplicates > 0) {
            problems.add(duplicates + " events were recorded more than once");
        }
        long redundant = attempts.countRedundant();
        if (redundant > 0) {
            problems.add(redundant + " deliveries found their work already done (a message delivered again after"
                    + " its transaction committed)");
        }
        return new Report(ordersByState, paymentsByState, paymentCents, shippedCents, cancelledCents, reservations,
                shipments, events, duplicates, redundant, deadLetters, settled, problems);
    }

    private static void agree(List<String> problems, String what, long value, String other, long otherValue) {
        if (value != otherValue) {
            problems.add(what + " = " + value + " but " + other + " = " + otherValue);
        }
    }
}
