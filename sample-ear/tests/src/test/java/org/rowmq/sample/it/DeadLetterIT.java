package org.rowmq.sample.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A payment that keeps failing: every delivery rolls back (no payment row, no event), comes back with its delivery
 * count raised, and after the tenth the message is in the dead-letter queue; once the fault is fixed, moving it back
 * completes the order exactly once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeadLetterIT {

    /** RowMQ's default maximum deliveries per message. */
    private static final int MAX_DELIVERIES = 10;

    private final SampleApi api = new SampleApi();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return SampleDeployment.ear();
    }

    @AfterEach
    void clearFaults() {
        api.faults(false, false, 0);
    }

    @Test
    void aThrowingPaymentBeanSendsTheOrderToTheDeadLetterQueueAndMoveBackCompletesIt() {
        JsonObject before = api.awaitSettled(Duration.ofMinutes(1));
        api.faults(true, false, 0);

        long id = api.placeOrder("Eve", "pen", 3, "4111");

        JsonObject dead = awaitDeadLetter(id);
        assertEquals("OrderCreated", dead.getString("eventType"));
        assertEquals("sample.orders", dead.getString("originalDestination"));
        assertDeadAfterEveryDeliveryRolledBack(id, before, "the payment bean threw");

        api.faults(false, false, 0);
        SampleApi.Reply moved = api.moveBack(dead.getString("messageId"));
        assertEquals(200, moved.status(), moved.body());
        assertEquals("sample.orders", moved.json().getString("movedTo"));

        assertEquals("SHIPPED", api.awaitFinal(id, Duration.ofMinutes(1)));
        assertNull(api.deadLetterOf(id), "the message left the dead-letter queue");
        JsonObject after = api.awaitSettled(Duration.ofMinutes(1));
        assertEquals(List.of(), SampleApi.problems(after));
        assertEquals(count(before, "paymentsByState", "CHARGED") + 1, count(after, "paymentsByState", "CHARGED"),
                "charged once, although ten deliveries wrote a payment row before failing");

        SampleApi.Reply again = api.moveBack(dead.getString("messageId"));
        assertEquals(400, again.status(), "a message moved back once is gone from the dead-letter queue");
        assertTrue(again.json().getString("error").contains("is not in the dead-letter queue"), again.body());
    }

    @Test
    void aRefusingPaymentsDatabaseSendsTheOrderToTheDeadLetterQueueAndMoveBackCompletesIt() {
        JsonObject before = api.awaitSettled(Duration.ofMinutes(1));
        api.faults(false, true, 0);

        long id = api.placeOrder("Fay", "notebook", 1, "4111");

        JsonObject dead = awaitDeadLetter(id);
        assertDeadAfterEveryDeliveryRolledBack(id, before, "the payments database refused");

        api.faults(false, false, 0);
        assertEquals(200, api.moveBack(dead.getString("messageId")).status());
        assertEquals("SHIPPED", api.awaitFinal(id, Duration.ofMinutes(1)));
        assertEquals(List.of(), SampleApi.problems(api.awaitSettled(Duration.ofMinutes(1))));
    }

    @Test
    void aMalformedMessageIdIsRefusedWithAReason() {
        SampleApi.Reply r = api.moveBack("ID:x' OR '1'='1");
        assertEquals(400, r.status());
        assertTrue(r.json().getString("error").contains("not a message ID"), r.body());
    }

    private JsonObject awaitDeadLetter(long id) {
        return Await.until("order " + id + "'s OrderCreated reaches the dead-letter queue", Duration.ofMinutes(1),
                () -> api.deadLetterOf(id));
    }

    private void assertDeadAfterEveryDeliveryRolledBack(long id, JsonObject before, String cause) {
        assertEquals("PLACED", api.state(id), "no delivery committed");
        List<JsonObject> attempts = api.attempts(id, "payment");
        assertEquals(IntStream.rangeClosed(1, MAX_DELIVERIES).boxed().sorted((a, b) -> b - a).toList(),
                attempts.stream().map(a -> a.getInt("deliveryCount")).toList(),
                "deliveries 1 to " + MAX_DELIVERIES + ", each rolled back, newest first");
        attempts.forEach(a -> assertTrue(a.getString("outcome").contains(cause), a.toString()));
        JsonObject now = api.reconciliation();
        assertEquals(List.of(), SampleApi.problems(now));
        for (String state : List.of("CHARGED", "DECLINED", "REFUNDED")) {
            assertEquals(count(before, "paymentsByState", state), count(now, "paymentsByState", state),
                    "no payment row survived a rolled-back delivery");
        }
    }

    private static long count(JsonObject report, String map, String key) {
        return report.getJsonObject(map).getJsonNumber(key).longValue();
    }
}
