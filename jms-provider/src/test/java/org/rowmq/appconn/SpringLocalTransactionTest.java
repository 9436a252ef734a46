package org.rowmq.appconn;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.DestinationSettings;
import org.rowmq.testsupport.TestDatabase;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Spring's local transactions (DataSourceTransactionManager, JpaTransactionManager) commit and roll back the
 * application's rows and its messages together, with no JTA transaction manager.
 */
class SpringLocalTransactionTest {
    static final long WAIT = 60_000;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTransactionalMethodWithJdbcTemplateAndJmsTemplateCommitsOrRollsBackBoth(TestDatabase db) throws Exception {
        String q = TestDatabase.unique("spring-orders");
        try (HikariDataSource pool = AppDb.pool(db);
             AnnotationConfigApplicationContext spring = SpringWiring.context(pool, SpringWiring.Jdbc.class)) {
            String table;
            try (Connection c = pool.getConnection()) {
                table = AppDb.createTable(c);
            }
            SpringWiring.OrderService service = spring.getBean(SpringWiring.OrderService.class);
            service.placeOrder(table, q, "order-ok", false);
            assertThrows(IllegalStateException.class, () -> service.placeOrder(table, q, "order-refused", true));

            assertEquals(1, AppDb.count(db, table, "order-ok"));
            assertEquals(0, AppDb.count(db, table, "order-refused"), "the refused order's row rolled back");
            assertEquals(List.of("order-ok"), drain(spring.getBean(RowConnectionFactory.class), q),
                    "only the committed order's message exists");
            try (Connection c = pool.getConnection()) {
                AppDb.dropTable(c, table);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aTransactionalMethodWithJpaAndJmsTemplateCommitsOrRollsBackBoth(TestDatabase db) throws Exception {
        String q = TestDatabase.unique("jpa-orders");
        String ok = TestDatabase.unique("jpa-ok");
        String refused = TestDatabase.unique("jpa-refused");
        try (HikariDataSource pool = AppDb.pool(db);
             AnnotationConfigApplicationContext spring = SpringWiring.context(pool, SpringWiring.Jpa.class)) {
            SpringWiring.JpaOrderService service = spring.getBean(SpringWiring.JpaOrderService.class);
            service.placeOrder(q, ok, false);
            assertThrows(IllegalStateException.class, () -> service.placeOrder(q, refused, true));

            assertNotNull(service.find(ok), "the committed entity");
            assertNull(service.find(refused), "the refused order's entity rolled back");
            assertEquals(List.of(ok), drain(spring.getBean(RowConnectionFactory.class), q),
                    "only the committed order's message exists");
        }
    }

    /** Every database with every cache level Spring's listener container offers. */
    static Stream<Arguments> databasesAndCacheLevels() {
        return TestDatabase.all().flatMap(db -> Stream.of("CACHE_NONE", "CACHE_CONNECTION", "CACHE_SESSION",
                "CACHE_CONSUMER", "CACHE_AUTO").map(level -> Arguments.of(db, level)));
    }

    /**
     * Under CACHE_SESSION and CACHE_CONSUMER the container commits and rolls back its own cached session
     * (JmsUtils.commitIfNecessary, which Spring 7 lets fail on anything but TransactionInProgressException); under
     * CACHE_NONE, CACHE_CONNECTION and CACHE_AUTO (none, with a transaction manager) the session is the transaction's.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("databasesAndCacheLevels")
    void aListenerContainerConsumesWritesAndRepliesInOneLocalTransaction(TestDatabase db, String cacheLevel)
            throws Exception {
        String requests = TestDatabase.unique("requests");
        String replies = TestDatabase.unique("replies");
        String dlq = TestDatabase.unique("requests-dlq");
        try (HikariDataSource pool = AppDb.pool(db);
             AnnotationConfigApplicationContext spring = SpringWiring.context(pool, SpringWiring.Jdbc.class)) {
            String table;
            try (Connection c = pool.getConnection()) {
                table = AppDb.createTable(c);
            }
            RowConnectionFactory rowmq = spring.getBean(RowConnectionFactory.class);
            rowmq.configureDestination(requests, DestinationSettings.DEFAULTS.withMaxDeliveries(2, dlq));
            JdbcTemplate jdbc = spring.getBean(JdbcTemplate.class);
            JmsTemplate jms = spring.getBean(JmsTemplate.class);

            DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
            container.setConnectionFactory(spring.getBean(ConnectionFactory.class));
            container.setTransactionManager(spring.getBean(DataSourceTransactionManager.class));
            container.setDestinationName(requests);
            container.setCacheLevelName(cacheLevel);
            // Every failure the container met, for the message of a failing assertion (a stall is otherwise mute).
            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            container.setExceptionListener(e -> failures.add("setup: " + causes(e)));
            container.setErrorHandler(e -> failures.add("listener: " + causes(e)));
            container.setMessageListener((jakarta.jms.MessageListener) m -> {
                try {
                    String body = ((TextMessage) m).getText();
                    jdbc.update("INSERT INTO " + table + " (id, note) VALUES (?, ?)", body, "handled");
                    jms.convertAndSend(replies, "re:" + body);
                    if (body.startsWith("fail")) throw new IllegalStateException("cannot handle " + body);
                } catch (jakarta.jms.JMSException e) {
                    throw new IllegalStateException(e);
                }
            });
            container.afterPropertiesSet();
            container.start();
            try {
                try (JMSContext plain = rowmq.createContext()) {
                    for (String body : List.of("ok-1", "fail-1", "ok-2")) {
                        plain.createProducer().send(plain.createQueue(requests), body);
                    }
                    Set<String> got = new HashSet<>();
                    JMSConsumer replyConsumer = plain.createConsumer(plain.createQueue(replies));
                    while (got.size() < 2) {
                        String reply = replyConsumer.receiveBody(String.class, WAIT);
                        if (reply == null) {
                            fail("replies so far: " + got + "; " + state(db, failures, requests, replies, dlq));
                        }
                        got.add(reply);
                    }
                    assertEquals(Set.of("re:ok-1", "re:ok-2"), got);
                    Message dead = plain.createConsumer(plain.createQueue(dlq)).receive(WAIT);
                    if (dead == null) {
                        fail("the failing request did not reach the dead-letter queue; "
                                + state(db, failures, requests, replies, dlq));
                    }
                    assertEquals("fail-1", dead.getBody(String.class));
                    assertEquals(2, dead.getIntProperty("JMSXDeliveryCount") - 1,
                            "two deliveries, each rolled back with the listener's transaction");
                }
            } finally {
                container.shutdown();
            }
            assertEquals(1, AppDb.count(db, table, "ok-1"));
            assertEquals(1, AppDb.count(db, table, "ok-2"));
            assertEquals(0, AppDb.count(db, table, "fail-1"), "the failing listener's row rolled back");
            assertEquals(List.of(), drain(rowmq, replies), "no reply for the failing request, no duplicate replies");
            assertEquals(0, rowmq.store().depth(requests));
            try (Connection c = pool.getConnection()) {
                AppDb.dropTable(c, table);
            }
        }
    }

    /**
     * What a stalled run looked like: the container's failures, the rows of the test's queues, and where RowMQ's and
     * the container's threads were.
     */
    private static String state(TestDatabase db, List<String> failures, String... queues) {
        StringBuilder s = new StringBuilder("container failures: ").append(failures).append("; rows (id, destination,"
                + " state, delivery_count, delivered, owner_node):");
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("SELECT id, destination, state,"
                + " delivery_count, delivered, owner_node FROM rowmq_message WHERE destination IN (?, ?, ?) ORDER BY id")) {
            for (int i = 0; i < 3; i++) ps.setString(i + 1, queues[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    s.append(" [").append(rs.getLong(1)).append(", ").append(rs.getString(2)).append(", ")
                            .append(rs.getInt(3)).append(", ").append(rs.getInt(4)).append(", ").append(rs.getInt(5))
                            .append(", ").append(rs.getString(6)).append(']');
                }
            }
        } catch (SQLException e) {
            s.append(" (could not read them: ").append(e.getMessage()).append(')');
        }
        s.append("; threads:");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            String name = thread.getName();
            if (!name.startsWith("rowmq") && !name.startsWith("DefaultMessageListenerContainer")) return;
            s.append("\n  ").append(name).append(' ').append(thread.getState());
            for (int i = 0; i < Math.min(10, stack.length); i++) s.append("\n    at ").append(stack[i]);
        });
        return s.toString();
    }

    private static String causes(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) s.append(t.getClass().getSimpleName()).append(": ")
                .append(t.getMessage()).append(t.getCause() != null ? " <- " : "");
        return s.toString();
    }

    /** Every message now in the queue, in order; waits at most a short while for the first. */
    private static List<String> drain(RowConnectionFactory rowmq, String queue) {
        List<String> bodies = new ArrayList<>();
        try (JMSContext plain = rowmq.createContext()) {
            JMSConsumer c = plain.createConsumer(plain.createQueue(queue));
            String body = c.receiveBody(String.class, 1_000);
            while (body != null) {
                bodies.add(body);
                body = c.receiveBodyNoWait(String.class);
            }
        }
        assertTrue(bodies.size() < 1_000);
        return bodies;
    }
}
