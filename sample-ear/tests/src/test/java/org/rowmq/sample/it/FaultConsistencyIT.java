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
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A step killed midway (after taking stock and writing the reservation, before announcing it) leaves nothing behind:
 * the redelivery does the work once. With faults switched on and off under traffic, every count still agrees.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FaultConsistencyIT {

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
    void anInventoryStepKilledMidwayIsRolledBackAndRedoneOnce() {
        JsonObject before = api.awaitSettled(Duration.ofMinutes(1));
        api.faults(false, false, 1);

        long id = api.placeOrder("Gus", "pen", 4, "4111");

        assertEquals("SHIPPED", api.awaitFinal(id, Duration.ofMinutes(1)));
        List<JsonObject> attempts = api.attempts(id, "inventory");
        assertEquals(2, attempts.size(), attempts.toString());
        assertEquals(2, attempts.get(0).getInt("deliveryCount"));
        assertTrue(attempts.get(0).getString("outcome").startsWith("succeeded on delivery 2"), attempts.toString());
        assertEquals(1, attempts.get(1).getInt("deliveryCount"));
        assertTrue(attempts.get(1).getString("outcome").startsWith("killed midway"), attempts.toString());
        JsonObject after = api.awaitSettled(Duration.ofMinutes(1));
        assertEquals(List.of(), SampleApi.problems(after), "stock, reservations and events agree");
        assertEquals(before.getJsonNumber("reservations").longValue() + 1,
                after.getJsonNumber("reservations").longValue(), "one reservation, not two");
    }

    @Test
    void countsAgreeAfterFaultsInjectedUnderTraffic() {
        List<Long> ids = new ArrayList<>();
        api.faults(false, false, 3);
        for (int i = 0; i < 10; i++) {
            ids.add(api.placeOrder("Traffic " + i, i % 2 == 0 ? "notebook" : "pen", 1 + i % 3, i % 5 == 4 ? "0444" : "4111"));
        }
        for (long id : ids) {
            api.awaitFinal(id, Duration.ofMinutes(1));
        }
        api.faults(true, false, 0);
        long failing = api.placeOrder("Traffic dead", "pen", 1, "4111");
        JsonObject dead = Await.until("the failing order's message is dead-lettered", Duration.ofMinutes(1),
                () -> api.deadLetterOf(failing));
        api.faults(false, true, 0);
        long refused = api.placeOrder("Traffic refused", "pen", 1, "4111");
        JsonObject refusedDead = Await.until("the refused order's message is dead-lettered", Duration.ofMinutes(1),
                () -> api.deadLetterOf(refused));
        api.faults(false, false, 0);
        assertEquals(200, api.moveBack(dead.getString("messageId")).status());
        assertEquals(200, api.moveBack(refusedDead.getString("messageId")).status());
        assertEquals("SHIPPED", api.awaitFinal(failing, Duration.ofMinutes(1)));
        assertEquals("SHIPPED", api.awaitFinal(refused, Duration.ofMinutes(1)));
        JsonObject after = api.awaitSettled(Duration.ofMinutes(1));
        assertEquals(List.of(), SampleApi.problems(after));
        assertEquals(0, after.getJsonNumber("duplicateEvents").longValue());
        assertEquals(0, after.getJsonNumber("redundantDeliveries").longValue());
    }
}
