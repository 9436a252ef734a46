package org.rowmq.spring.boot;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.spring.boot.example.OrderApplication;
import org.rowmq.spring.boot.example.OrderListener;
import org.rowmq.spring.boot.example.OrderService;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The example application end to end, with nothing but the starter and Boot's defaults: a placed order's row and
 * message commit together, a refused one leaves neither, the listener confirms (row updated and reply sent in one
 * transaction, with Boot's @JmsListener container on the application's DataSourceTransactionManager), and an order the
 * listener cannot confirm is rolled back on each delivery (no update, no reply) and ends in the dead-letter queue.
 * Every listener cache level on H2; CACHE_CONSUMER (the level that failed before) and CACHE_NONE on PostgreSQL and
 * MariaDB.
 */
class OrderExampleTest {
    private static final long WAIT = 30_000;

    static Stream<Arguments> databasesAndCacheLevels() {
        Stream<Arguments> h2 = Stream.of("CACHE_NONE", "CACHE_CONNECTION", "CACHE_SESSION", "CACHE_CONSUMER", "CACHE_AUTO")
                .map(level -> Arguments.of(BootDatabase.H2, level));
        Stream<Arguments> servers = Stream.of(BootDatabase.POSTGRESQL, BootDatabase.MARIADB)
                .flatMap(db -> Stream.of(Arguments.of(db, "CACHE_CONSUMER"), Arguments.of(db, "CACHE_NONE")));
        return Stream.concat(h2, servers);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databasesAndCacheLevels")
    void ordersCommitAndRollBackWithTheirMessagesAndAPoisonOrderEndsInTheDeadLetterQueue(BootDatabase db, String level)
            throws Exception {
        List<String> properties = new ArrayList<>(db.freshDataSourceProperties());
        properties.add("example.listener.cache-level=" + level);
        properties.add("rowmq.destinations.orders.max-deliveries=2");
        properties.add("rowmq.destinations.orders.dead-letter-queue=orders-dlq");
        try (ConfigurableApplicationContext app = BootApps.run(OrderApplication.class, properties)) {
            OrderService orders = app.getBean(OrderService.class);
            RowConnectionFactory rowmq = app.getBean(RowConnectionFactory.class);
            orders.createTable();

            orders.place("ok-1", false);
            assertThrows(IllegalStateException.class, () -> orders.place("refused-1", true));
            orders.place("poison-1", false);

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
            assertEquals("CONFIRMED", orders.status("ok-1"), "the row updated with the reply");
            assertNull(orders.status("refused-1"), "the refused order's row rolled back with its message");
            assertEquals("PLACED", orders.status("poison-1"), "each failed confirmation's update rolled back");
            assertEquals(0, rowmq.store().depth(OrderService.ORDERS), "nothing left behind in the orders queue");
        }
    }
}
