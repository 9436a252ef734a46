package org.rowmq.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With Micrometer in the application, RowMQ's metrics go into the application's registry under Micrometer's names. One
 * subclass per database ({@link RowMqMetricsTest}).
 */
@SpringBootTest(classes = RowMqMetricsContract.App.class)
@DirtiesContext
abstract class RowMqMetricsContract {

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    JmsTemplate jms;

    @Autowired
    MeterRegistry registry;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void sendsAndDeliveriesAreCountedInTheApplicationsRegistry() {
        // RowMQ shares the application's DataSource transactions, so JMS work runs in one, as in an application.
        TransactionTemplate tx = new TransactionTemplate(transactions);
        jms.setReceiveTimeout(10_000);
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < 3; i++) jms.convertAndSend("metered", "m" + i);
        });
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < 3; i++) assertEquals("m" + i, jms.receiveAndConvert("metered"));
        });

        assertEquals(3.0, registry.get("rowmq.messages.sent").tag("destination", "metered").counter().count());
        // Deliveries count messages claimed for consumers: JmsTemplate opens a consumer per receive, which prefetches
        // what is there, and the messages a closed consumer gives back are claimed (and counted) again.
        assertTrue(registry.get("rowmq.messages.delivered").tag("destination", "metered").counter().count() >= 3.0);
        // The store's own meters are there too (no group commits here: the sends were written in the application's
        // transaction, not by RowMQ's group committer).
        assertTrue(registry.get("rowmq.claim.latency").timer().count() > 0, "claims timed");
        assertNotNull(registry.find("rowmq.group.commit.rows").summary(), "group commit sizes registered");
    }
}
