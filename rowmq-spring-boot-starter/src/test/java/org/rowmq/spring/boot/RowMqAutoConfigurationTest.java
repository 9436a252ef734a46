package org.rowmq.spring.boot;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.rowmq.client.ConnectionBoundConnectionFactory;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.security.Operation;
import org.rowmq.security.PasswordHash;
import org.rowmq.store.DestinationSettings;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jms.JmsException;
import org.springframework.jms.config.DefaultJmsListenerContainerFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the starter configures RowMQ and when it stays out of the way; what its properties do. Each nested class is one
 * application ({@code @SpringBootTest}, Boot's embedded H2, no setup), closed after its tests.
 */
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

    @Nested
    @SpringBootTest(classes = App.class)
    @DirtiesContext
    class WithADataSource {
        @Autowired
        ApplicationContext app;

        @Test
        void jmsWorksInTheApplicationsTransactionsWithBootsListenerFactoryOnItsTransactionManager() {
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

        @Test
        void aSendOutsideAnyTransactionIsRefusedSayingWhatToChange() throws Exception {
            JmsException refused = assertThrows(JmsException.class,
                    () -> app.getBean(JmsTemplate.class).convertAndSend("outside", "lost?"));
            assertTrue(causes(refused).contains("auto-commit"), causes(refused));
            assertEquals(0, app.getBean(RowConnectionFactory.class).store().depth("outside"));
        }
    }

    @Nested
    @SpringBootTest(classes = AppWithItsOwnConnectionFactory.class)
    @DirtiesContext
    class WithItsOwnConnectionFactory {
        @Autowired
        ApplicationContext app;

        @Test
        void anApplicationsOwnConnectionFactoryTurnsTheStarterOff() {
            assertEquals(1, app.getBeansOfType(ConnectionFactory.class).size());
            assertTrue(app.containsBean("myConnectionFactory"));
            assertFalse(app.containsBean("rowConnectionFactory"));
        }
    }

    @Nested
    @SpringBootTest(classes = App.class, properties = "rowmq.enabled=false")
    @DirtiesContext
    class TurnedOff {
        @Autowired
        ApplicationContext app;

        @Test
        void rowmqEnabledFalseTurnsTheStarterOff() {
            assertTrue(app.getBeansOfType(ConnectionFactory.class).isEmpty());
            assertTrue(app.getBeansOfType(RowConnectionFactory.class).isEmpty());
        }
    }

    @Nested
    @SpringBootTest(classes = AppWithoutDataSource.class)
    @DirtiesContext
    class WithoutADataSource {
        @Autowired
        ApplicationContext app;

        @Test
        void withoutADataSourceOrAUrlThereIsNothingToConfigure() {
            assertTrue(app.getBeansOfType(ConnectionFactory.class).isEmpty());
        }
    }

    @Nested
    @SpringBootTest(classes = App.class, properties = {
            "rowmq.url=jdbc:h2:mem:rowmq-own;DB_CLOSE_DELAY=-1", "rowmq.pool-size=3"})
    @DirtiesContext
    class WithADatabaseOfItsOwn {
        @Autowired
        ApplicationContext app;

        @Test
        void rowmqUrlGivesRowMqADatabaseOfItsOwnWithItsOwnTransactions() {
            ConnectionFactory cf = app.getBean(ConnectionFactory.class);
            assertInstanceOf(RowConnectionFactory.class, cf, "not bound to the application's DataSource");
            assertTrue(cf.toString().contains("rowmq-own"), cf.toString());
            JmsTemplate jms = app.getBean(JmsTemplate.class);
            jms.convertAndSend("own", "hello");
            jms.setReceiveTimeout(10_000);
            assertEquals("hello", jms.receiveAndConvert("own"));
            assertNull(ReflectionTestUtils.getField(app.getBean("jmsListenerContainerFactory"), "transactionManager"),
                    "Boot's own listener factory: RowMQ's local transactions (session-transacted)");
        }
    }

    @Nested
    @SpringBootTest(classes = App.class, properties = {
            "rowmq.prefetch=3",
            "rowmq.lease.heartbeat=2s", "rowmq.lease.timeout=9s",
            "rowmq.destinations.orders.max-messages=100",
            "rowmq.destinations.orders.when-full=block",
            "rowmq.destinations.orders.block-timeout=3s",
            "rowmq.destinations.orders.max-deliveries=4",
            "rowmq.destinations.orders.dead-letter-queue=orders-dlq",
            "rowmq.destinations.orders.redelivery-delay=500ms"})
    @DirtiesContext
    class WithProperties {
        @Autowired
        RowConnectionFactory rowmq;

        /** The security file is written at run time: its hash is made by RowMQ's own PasswordHash. */
        @DynamicPropertySource
        static void security(DynamicPropertyRegistry registry) throws IOException {
            registry.add("rowmq.security-file", RowMqAutoConfigurationTest::securityFile);
        }

        @Test
        void propertiesReachTheFactoryAndTheStoredDestinationLimits() throws Exception {
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
    private static String securityFile() {
        try {
            Path file = Files.createTempFile("rowmq-security", ".properties");
            file.toFile().deleteOnExit();
            Files.writeString(file, "user.alice = " + PasswordHash.hash("secret".toCharArray(), 1000)
                    + "\nroles.alice = app\nanonymous.roles = app\npermission.all.match = #\n"
                    + Arrays.stream(Operation.values())
                    .map(o -> "permission.all." + o.configName() + " = app\n").collect(Collectors.joining()));
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An application that must fail to start cannot be a @SpringBootTest: started here as its main method would. */
    @Test
    void aBadDestinationLimitStopsTheApplicationNamingTheProperty() {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        Exception e = assertThrows(Exception.class,
                () -> application.run("--rowmq.destinations.orders.max-deliveries=0").close());
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
