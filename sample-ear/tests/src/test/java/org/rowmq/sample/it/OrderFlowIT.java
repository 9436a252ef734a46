package org.rowmq.sample.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole flow: an order is paid, reserved and shipped; a declined card stops it at payment; bad input is refused. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OrderFlowIT {

    private final SampleApi api = new SampleApi();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return SampleDeployment.ear();
    }

    @Test
    void anOrderIsPaidReservedAndShippedWithEachEventOnce() {
        long id = api.placeOrder("Ada", "notebook", 2, "4111 1111 1111 1111");

        assertEquals("SHIPPED", api.awaitFinal(id, Duration.ofMinutes(1)));
        List<String> events = Await.until("the audit bean records OrderShipped", Duration.ofSeconds(30), () -> {
            List<String> e = api.events(id);
            return e.contains("OrderShipped") ? e : null;
        });
        assertEquals(List.of("OrderCreated", "PaymentCompleted", "StockReserved", "OrderShipped"),
                events.stream().sorted((a, b) -> rank(a) - rank(b)).toList());
        assertEquals(900, api.order(id).getJsonNumber("amountCents").longValue());
        assertEquals(List.of(), SampleApi.problems(api.awaitSettled(Duration.ofMinutes(1))));
    }

    @Test
    void aDeclinedCardEndsTheOrderAtPaymentWithoutReservingStock() {
        long id = api.placeOrder("Bo", "pen", 1, "0000 0000 0000 0002");

        assertEquals("PAYMENT_FAILED", api.awaitFinal(id, Duration.ofMinutes(1)));
        List<String> events = Await.until("the audit bean records PaymentFailed", Duration.ofSeconds(30), () -> {
            List<String> e = api.events(id);
            return e.contains("PaymentFailed") ? e : null;
        });
        assertEquals(List.of("OrderCreated", "PaymentFailed"), events.stream().sorted().toList());
        assertEquals(List.of(), SampleApi.problems(api.awaitSettled(Duration.ofMinutes(1))));
    }

    @Test
    void badInputIsRefusedWithAReasonAndWritesNothing() {
        long before = api.reconciliation().getJsonObject("eventsByType").getJsonNumber("OrderCreated").longValue();

        SampleApi.Reply unknown = api.placeOrderRaw(
                "{\"customer\":\"Cy\",\"item\":\"unicorn\",\"quantity\":1,\"card\":\"4111\"}");
        SampleApi.Reply zero = api.placeOrderRaw("{\"customer\":\"Cy\",\"item\":\"pen\",\"quantity\":0,\"card\":\"4111\"}");
        SampleApi.Reply noCard = api.placeOrderRaw("{\"customer\":\"Cy\",\"item\":\"pen\",\"quantity\":1}");

        assertEquals(400, unknown.status());
        assertTrue(unknown.json().getString("error").contains("unknown item 'unicorn'"), unknown.body());
        assertEquals(400, zero.status());
        assertTrue(zero.json().getString("error").contains("quantity must be between 1 and 100"), zero.body());
        assertEquals(400, noCard.status());
        assertTrue(noCard.json().getString("error").contains("card"), noCard.body());
        long after = api.awaitSettled(Duration.ofMinutes(1)).getJsonObject("eventsByType")
                .getJsonNumber("OrderCreated").longValue();
        assertEquals(before, after, "a refused order sent no OrderCreated");
    }

    private static int rank(String event) {
        return List.of("OrderCreated", "PaymentCompleted", "StockReserved", "OrderShipped").indexOf(event);
    }
}
