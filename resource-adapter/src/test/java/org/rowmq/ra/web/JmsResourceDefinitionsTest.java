package org.rowmq.ra.web;

import jakarta.jms.Destination;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.Topic;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the definitions initializer refuses before it binds anything, with the advice the message gives. */
class JmsResourceDefinitionsTest {

    @JMSDestinationDefinition(name = "java:app/jms/orders", interfaceName = "jakarta.jms.Queue")
    static class AppScopedName {
    }

    @JMSConnectionFactoryDefinition(name = "java:global/jms/cf", clientId = "orders")
    static class WithClientId {
    }

    @JMSDestinationDefinition(name = "java:global/jms/other", interfaceName = "jakarta.jms.Queue",
            resourceAdapter = "activemq-ra")
    static class AnotherProvider {
    }

    @JMSDestinationDefinition(name = "java:global/jms/events", interfaceName = "jakarta.jms.Topic")
    static class TopicWithoutPhysicalName {
    }

    @Test
    void aNameOutsideJavaGlobalFailsTheDeploymentWithTheNameToUse() {
        ServletException e = assertThrows(ServletException.class,
                () -> new JmsResourceDefinitions().onStartup(Set.of(AppScopedName.class), null));
        assertTrue(e.getMessage().contains("java:global/jms/orders"), e.getMessage());
    }

    @Test
    void aClientIdIsRefusedAndPointsAtTheConnectionDefinition() {
        ServletException e = assertThrows(ServletException.class,
                () -> new JmsResourceDefinitions().onStartup(Set.of(WithClientId.class), null));
        assertTrue(e.getMessage().contains("clientId") && e.getMessage().contains("connectionDefinition"),
                e.getMessage());
    }

    @Test
    void anotherProvidersDefinitionsAreLeftAlone() {
        assertDoesNotThrow(() -> new JmsResourceDefinitions().onStartup(Set.of(AnotherProvider.class), null));
    }

    @Test
    void aDestinationWithoutPhysicalNameTakesTheLastPartOfItsJndiName() throws Exception {
        Destination d = JmsResourceDefinitions.destination(
                TopicWithoutPhysicalName.class.getAnnotation(JMSDestinationDefinition.class));
        assertEquals("events", assertInstanceOf(Topic.class, d).getTopicName());
    }
}
