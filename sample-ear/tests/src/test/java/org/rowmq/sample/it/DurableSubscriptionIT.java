package org.rowmq.sample.it;

import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipping bean's subscription is durable: while its delivery is stopped (WildFly's stop-delivery, which
 * deactivates the endpoint), StockReserved waits in the subscription, and the order ships once delivery resumes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DurableSubscriptionIT {

    private static final String SHIPPING = "sample.events / shipping";

    private final SampleApi api = new SampleApi();

    @ArquillianResource
    ManagementClient management;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return SampleDeployment.ear();
    }

    @AfterEach
    void resumeShipping() throws IOException {
        delivery("start-delivery");
    }

    @Test
    void stockReservedWaitsInTheDurableSubscriptionWhileShippingIsStopped() throws IOException {
        api.awaitSettled(Duration.ofMinutes(1));
        delivery("stop-delivery");

        long id = api.placeOrder("Jo", "pen", 2, "4111");

        Await.until("order " + id + " is reserved", Duration.ofMinutes(1),
                () -> api.state(id).equals("RESERVED") ? true : null);
        JsonObject waiting = Await.until("StockReserved waits in the shipping subscription", Duration.ofMinutes(1),
                () -> {
                    JsonObject q = shippingSubscription();
                    return q.getJsonNumber("ready").longValue() == 1 ? q : null;
                });
        assertEquals("durable subscription", waiting.getString("kind"));
        assertEquals("RESERVED", api.state(id), "nothing ships while the subscription has no consumer");

        delivery("start-delivery");

        assertEquals("SHIPPED", api.awaitFinal(id, Duration.ofMinutes(1)));
        JsonObject after = api.awaitSettled(Duration.ofMinutes(1));
        assertEquals(List.of(), SampleApi.problems(after));
        assertEquals(0, shippingSubscription().getJsonNumber("ready").longValue());
    }

    private JsonObject shippingSubscription() {
        return api.dashboard().getJsonArray("queues").getValuesAs(JsonObject.class).stream()
                .filter(q -> q.getString("name").equals(SHIPPING)).findFirst()
                .orElseThrow(() -> new AssertionError("the page lists no " + SHIPPING));
    }

    /** stop-delivery or start-delivery on the shipping bean; both are idempotent. */
    private void delivery(String operation) throws IOException {
        ModelNode address = Operations.createAddress("deployment", "rowmq-sample.ear", "subdeployment",
                "sample-ejb.jar", "subsystem", "ejb3", "message-driven-bean", "ShippingBean");
        ModelNode result = management.getControllerClient().execute(Operations.createOperation(operation, address));
        assertTrue(Operations.isSuccessfulOutcome(result), operation + ": " + result);
    }
}
