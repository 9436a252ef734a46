package org.rowmq.spring.boot;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import org.junit.jupiter.api.Test;
import org.rowmq.client.ConnectionBoundConnectionFactory;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.store.DestinationSettings;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jms.JmsException;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the starter configures RowMQ and when it stays out of the way; what its properties do. Boot's embedded H2. */
class RowMqAutoConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class AppWithItsOwnConnectionFactory {
        @Bean
        ConnectionFactory myConnectionFactory() {
            return new RowConnectionFactory("jdbc:h2:mem:own-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
    static class AppWithoutDataSource {
    }

    @Test
    void withADataSourceJmsWorksInTheApplicationsTransactionsWithBootsListenerFactoryOnItsTransactionManager() {
        try (ConfigurableApplicationContext app = BootApps.run(App.class)) {
            ConnectionFactory cf = app.getBean(ConnectionFactory.class);
            assertInstanceOf(ConnectionBoundConnectionFactory.class, cf, "bound to the current transaction");
            assertSame(cf, app.getBean(JmsTemplate.class).getConnectionFactory(), "Boot's JmsTemplate uses it");
            DefaultJmsListenerContainerFactory listeners = app.getBean("jmsListenerContainerFactory",
                    DefaultJmsListenerContainerFactory.class);
            assertSame(app.getBean(PlatformTransactionManager.class),
                    ReflectionTestUtils.getField(listeners, "transactionManager"),
                    "@JmsListener containers run in the application's transactions");
            assertEquals(1, app.getBeansOfType(RowConnectionFactory.class).size());
        }
    }

    @Test
    void aSendOutsideAnyTransactionIsRefusedSayingWhatToChange() throws Exception {
        try (ConfigurableApplicationContext app = BootApps.run(App.class)) {
            JmsException refused = assertThrows(JmsException.class,
                    () -> app.getBean(JmsTemplate.class).convertAndSend("outside", "lost?"));
            assertTrue(causes(refused).contains("auto-commit"), causes(refused));
            assertEquals(0, app.getBean(RowConnectionFactory.class).store().depth("outside"));
        }
    }

    @Test
    void anApplicationsOwnConnectionFactoryTurnsTheStarterOff() {
        try (ConfigurableApplicationContext app = BootApps.run(AppWithItsOwnConnectionFactory.class)) {
            assertEquals(1, app.getBeansOfType(ConnectionFactory.class).size());
            assertTrue(app.containsBean("myConnectionFactory"));
            assertFalse(app.containsBean("rowConnectionFactory"));
        }
    }

    @Test
    void rowmqEnabledFalseTurnsTheStarterOff() {
        try (ConfigurableApplicationContext app = BootApps.run(App.class, "rowmq.enabled=false")) {
            assertTrue(app.getBeansOfType(ConnectionFactory.class).isEmpty());
            assertTrue(app.getBeansOfType(RowConnectionFactory.class).isEmpty());
        }
    }

    @Test
    void withoutADataSourceOrAUrlThereIsNothingToConfigure() {
        try (ConfigurableApplicationContext app = BootApps.run(AppWithoutDataSource.class)) {
            assertTrue(app.getBeansOfType(ConnectionFactory.class).isEmpty());
        }
    }

    @Test
    void rowmqUrlGivesRowMqADatabaseOfItsOwnWithItsOwnTransactions() {
        String url = "jdbc:h2:mem:rowmq-own-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (ConfigurableApplicationContext app = BootApps.run(App.class, "rowmq.url=" + url, "rowmq.pool-size=3")) {
            ConnectionFactory cf = app.getBean(ConnectionFactory.class);
            assertInstanceOf(RowConnectionFactory.class, cf, "not bound to the application's DataSource");
            assertTrue(cf.toString().contains("rowmq-own-"), cf.toString());
            JmsTemplate jms = app.getBean(JmsTemplate.class);
            jms.convertAndSend("own", "hello");
            jms.setReceiveTimeout(10_000);
            assertEquals("hello", jms.receiveAndConvert("own"));
            assertNull(ReflectionTestUtils.getField(app.getBean("jmsListenerContainerFactory"), "transactionManager"),
                    "Boot's own listener factory: RowMQ's local transactions (session-transacted)");
        }
    }

    @Test
    void propertiesReachTheFactoryAndTheStoredDestinationLimits() throws Exception {
        try (ConfigurableApplicationContext app = BootApps.run(App.class,
                "rowmq.prefetch=3",
                "rowmq.lease.heartbeat=2s", "rowmq.lease.timeout=9s",
                "rowmq.security-file=" + securityFile(),
                "rowmq.destinations.orders.max-messages=100",
                "rowmq.destinations.orders.when-full=block",
                "rowmq.destinations.orders.block-timeout=3s",
                "rowmq.destinations.orders.max-deliveries=4",
                "rowmq.destinations.orders.dead-letter-queue=orders-dlq",
                "rowmq.destinations.orders.redelivery-delay=500ms")) {
            RowConnectionFactory rowmq = app.getBean(RowConnectionFactory.class);
            assertEquals(3, rowmq.getPrefetch());
            assertEquals(new DestinationSettings(100, DestinationSettings.FullPolicy.BLOCK, Duration.ofSeconds(3), 4,
                    "orders-dlq", Duration.ofMillis(500)), rowmq.destinationSettings("orders"));
            assertEquals(DestinationSettings.DEFAULTS, rowmq.destinationSettings("other"));
            assertThrows(JMSSecurityRuntimeException.class, () -> rowmq.createContext("alice", "wrong").close());
            try (JMSContext ok = rowmq.createContext("alice", "secret")) {
                ok.createProducer().send(ok.createQueue("orders"), "x");
            }
        }
    }

    /** alice (password secret) may do anything. */
    private static String securityFile() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("rowmq-security", ".properties");
        file.toFile().deleteOnExit();
        java.nio.file.Files.writeString(file, "user.alice = " + org.rowmq.security.PasswordHash.hash("secret".toCharArray(), 1000)
                + "\nroles.alice = app\nanonymous.roles = app\npermission.all.match = #\n"
                + java.util.Arrays.stream(org.rowmq.security.Operation.values())
                .map(o -> "permission.all." + o.configName() + " = app\n").collect(java.util.stream.Collectors.joining()));
        return file.toString();
    }

    @Test
    void aBadDestinationLimitStopsTheApplicationNamingTheProperty() {
        Exception e = assertThrows(Exception.class,
                () -> BootApps.run(App.class, "rowmq.destinations.orders.max-deliveries=0").close());
        String messages = causes(e);
        assertTrue(messages.contains("rowmq.destinations.orders") && messages.contains("maxDeliveries"), messages);
    }

    @Test
    void theConfigurationMetadataDescribesTheProperties() throws Exception {
        String metadata = new ClassPathResource("META-INF/spring-configuration-metadata.json")
                .getContentAsString(StandardCharsets.UTF_8);
        for (String property : new String[]{"rowmq.url", "rowmq.pool-size", "rowmq.prefetch", "rowmq.lease.heartbeat",
                "rowmq.lease.timeout", "rowmq.destinations", "rowmq.security-file", "rowmq.enabled"}) {
            assertTrue(metadata.contains("\"" + property + "\""), property + " in " + metadata);
        }
        assertTrue(metadata.contains("instead of the application's DataSource"), "descriptions from the javadoc");
    }

    private static String causes(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) all.append(c.getMessage()).append(" | ");
        return all.toString();
    }
}
