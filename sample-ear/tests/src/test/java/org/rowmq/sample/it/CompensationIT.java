package org.rowmq.sample.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Short stock: the paid order is compensated, its payment refunded and the order cancelled, each once. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CompensationIT {

    private final SampleApi api = new SampleApi();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return SampleDeployment.ear();
    }

    @Test
    void aPaidOrderWithoutStockIsRefundedAndCancelled() {
        JsonObject before = api.awaitSettled(Duration.ofMinutes(1));

        long id = api.placeOrder("Di", "poster", 2, "4111 1111");

        assertEquals("CANCELLED", api.awaitFinal(id, Duration.ofMinutes(1)));
        List<String> events = Await.until("the audit bean records OrderCancelled and PaymentRefunded",
                Duration.ofSeconds(30), () -> {
                    List<String> e = api.events(id);
                    return e.contains("OrderCancelled") && e.contains("PaymentRefunded") ? e : null;
                });
        assertEquals(List.of("OrderCancelled", "OrderCreated", "PaymentCompleted", "PaymentRefunded", "StockShort"),
                events.stream().sorted().toList());
        JsonObject after = api.awaitSettled(Duration.ofMinutes(1));
        assertEquals(List.of(), SampleApi.problems(after));
        assertEquals(count(before, "paymentsByState", "REFUNDED") + 1, count(after, "paymentsByState", "REFUNDED"));
        assertEquals(count(before, "paymentCents", "REFUNDED") + 3_000, count(after, "paymentCents", "REFUNDED"));
        assertEquals(count(before, "paymentCents", "CHARGED"), count(after, "paymentCents", "CHARGED"),
                "the refunded charge no longer counts as charged");
        assertEquals(before.getJsonNumber("reservations").longValue(), after.getJsonNumber("reservations").longValue());
    }

    @Test
    void theLastLampsGoToTheFirstOrdersAndTheRestAreCompensated() {
        long available = api.dashboard().getJsonArray("catalogue").getValuesAs(JsonObject.class).stream()
                .filter(i -> i.getString("item").equals("lamp")).findFirst().orElseThrow().getInt("available");
        int orders = (int) available + 2;
        long[] ids = new long[orders];
        for (int i = 0; i < orders; i++) {
            ids[i] = api.placeOrder("Lamp fan " + i, "lamp", 1, "4111");
        }
        int shipped = 0;
        int cancelled = 0;
        for (long id : ids) {
            String state = api.awaitFinal(id, Duration.ofMinutes(1));
            if (state.equals("SHIPPED")) {
                shipped++;
            } else if (state.equals("CANCELLED")) {
                cancelled++;
            }
        }
        assertEquals(available, shipped, "every lamp in stock is shipped once");
        assertEquals(orders - available, cancelled, "the orders beyond the stock are compensated");
        assertEquals(List.of(), SampleApi.problems(api.awaitSettled(Duration.ofMinutes(1))));
    }

    private static long count(JsonObject report, String map, String key) {
        return report.getJsonObject(map).getJsonNumber(key).longValue();
    }
}
