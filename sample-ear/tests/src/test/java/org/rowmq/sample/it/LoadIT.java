package org.rowmq.sample.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** 500 orders placed concurrently, 5 % with a declined card: every order ends in a final state and the totals reconcile. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LoadIT {

    private static final int ORDERS = 500;
    private static final int CLIENTS = 16;
    /** Every twentieth order pays with a declined card: 5 %. */
    private static final int DECLINE_EVERY = 20;

    private final SampleApi api = new SampleApi();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return SampleDeployment.ear();
    }

    @Test
    void fiveHundredConcurrentOrdersAllSettleAndReconcile() throws Exception {
        JsonObject before = api.awaitSettled(Duration.ofMinutes(1));
        List<Future<Long>> placed = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int i = 0; i < ORDERS; i++) {
                int n = i;
                String card = n % DECLINE_EVERY == 0 ? "0000 1111" : "4111 1111";
                placed.add(clients.submit(() -> api.placeOrder("Load " + n, "notebook", 1 + n % 3, card)));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<Long> f : placed) {
                ids.add(f.get());
            }

            JsonObject after = api.awaitSettled(Duration.ofMinutes(4));
            Map<String, Integer> states = new HashMap<>();
            for (long id : ids) {
                states.merge(api.state(id), 1, Integer::sum);
            }
            assertEquals(Map.of("SHIPPED", ORDERS - ORDERS / DECLINE_EVERY, "PAYMENT_FAILED", ORDERS / DECLINE_EVERY),
                    states);
            assertEquals(List.of(), SampleApi.problems(after));
            assertEquals(ORDERS - ORDERS / DECLINE_EVERY, delta(before, after, "ordersByState", "SHIPPED"));
            assertEquals(ORDERS / DECLINE_EVERY, delta(before, after, "paymentsByState", "DECLINED"));
            assertEquals(ORDERS, delta(before, after, "eventsByType", "OrderCreated"));
            assertEquals(ORDERS - ORDERS / DECLINE_EVERY, delta(before, after, "eventsByType", "OrderShipped"));
            long expectedCents = 0;
            for (int n = 0; n < ORDERS; n++) {
                if (n % DECLINE_EVERY != 0) {
                    expectedCents += 450L * (1 + n % 3);
                }
            }
            assertEquals(expectedCents, delta(before, after, "paymentCents", "CHARGED"), "charged totals reconcile");
            assertEquals(0, after.getJsonNumber("duplicateEvents").longValue());
        } finally {
            clients.shutdownNow();
        }
    }

    private static long delta(JsonObject before, JsonObject after, String map, String key) {
        return after.getJsonObject(map).getJsonNumber(key).longValue()
                - before.getJsonObject(map).getJsonNumber(key).longValue();
    }
}
