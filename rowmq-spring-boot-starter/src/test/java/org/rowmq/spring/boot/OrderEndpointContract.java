package org.rowmq.spring.boot;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.spring.boot.example.OrderApplication;
import org.rowmq.spring.boot.example.OrderListener;
import org.rowmq.spring.boot.example.OrderService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The example application end to end over real HTTP, with nothing but the starter and Boot's defaults: an order posted
 * to the endpoint commits its row and its message together (201), one whose payment is refused leaves neither (402),
 * the listener confirms (row updated and reply sent in one transaction, Boot's @JmsListener container on the
 * application's DataSourceTransactionManager), and an order the listener cannot confirm is rolled back on each
 * delivery (no update, no reply) until it ends in the dead-letter queue.
 *
 * <p>Each subclass is one database and listener cache level ({@link OrderExampleTest}); each gets its own application
 * (closed after its class, so that no listener of an earlier class keeps polling).
 */
@SpringBootTest(classes = OrderApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "rowmq.destinations.orders.max-deliveries=2",
                "rowmq.destinations.orders.dead-letter-queue=orders-dlq"})
@DirtiesContext
abstract class OrderEndpointContract {
    private static final long WAIT = 30_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    @Autowired
    RowConnectionFactory rowmq;

    @Test
    void ordersPostedOverHttpCommitAndRollBackWithTheirMessagesAndAPoisonOrderEndsInTheDeadLetterQueue()
            throws Exception {
        assertEquals(201, post("ok-1", 250).statusCode());
        HttpResponse<String> refused = post("refused-1", OrderService.CREDIT_LIMIT + 1);
        assertEquals(402, refused.statusCode(), refused.body());
        assertEquals(201, post("poison-1", 10).statusCode());

        List<String> replies = new ArrayList<>();
        try (JMSContext jms = rowmq.createContext()) {
            JMSConsumer confirmations = jms.createConsumer(jms.createQueue(OrderListener.CONFIRMATIONS));
            String reply = confirmations.receiveBody(String.class, WAIT);
            assertNotNull(reply, "the placed order is confirmed");
            replies.add(reply);
            String dead = jms.createConsumer(jms.createQueue("orders-dlq")).receiveBody(String.class, WAIT);
            assertEquals("poison-1", dead, "the order that cannot be confirmed ends in the dead-letter queue");
            for (String more = confirmations.receiveBody(String.class, 1_000); more != null;
                 more = confirmations.receiveBodyNoWait(String.class)) {
                replies.add(more);
            }
        }
        assertEquals(List.of("confirmed:ok-1"), replies,
                "one reply for the confirmed order, none for the refused one or the poison one's rolled-back tries");
        assertEquals("CONFIRMED", get("ok-1").body(), "the row updated with the reply");
        assertEquals(404, get("refused-1").statusCode(), "the refused order's row rolled back with its message");
        assertEquals("PLACED", get("poison-1").body(), "each failed confirmation's update rolled back");
        assertEquals(0, rowmq.store().depth(OrderService.ORDERS), "nothing left behind in the orders queue");
    }

    private HttpResponse<String> post(String id, int amount) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(id + "?amount=" + amount)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String id) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(id)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/orders/" + path);
    }
}
