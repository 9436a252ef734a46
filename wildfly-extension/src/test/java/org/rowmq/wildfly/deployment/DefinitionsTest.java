package org.rowmq.wildfly.deployment;

import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a JMS resource definition may say on RowMQ, whichever form it comes in, and the advice a refusal gives. */
class DefinitionsTest {

    private static FactoryDefinition factory(String interfaceName, String user, String clientId, int maxPoolSize,
                                             boolean transactional) {
        return new FactoryDefinition("java:app/jms/cf", "", interfaceName, user, "", clientId, -1, maxPoolSize,
                transactional, Map.of());
    }

    @Test
    void aClientIdIsRefusedAndPointsAtTheConnectionDefinition() {
        String problem = factory("jakarta.jms.ConnectionFactory", "", "orders", -1, true).problem();
        assertTrue(problem.contains("clientId") && problem.contains("connectionDefinition"), problem);
    }

    @Test
    void credentialsPoolSizesAndNonTransactionalAreTheConnectionDefinitions() {
        assertTrue(factory("jakarta.jms.ConnectionFactory", "app", "", -1, true).problem().startsWith("user/password"));
        assertTrue(factory("jakarta.jms.ConnectionFactory", "", "", 8, true).problem()
                .startsWith("minPoolSize/maxPoolSize"));
        assertTrue(factory("jakarta.jms.ConnectionFactory", "", "", -1, false).problem()
                .startsWith("transactional = false"));
    }

    @Test
    void theFactoryInterfacesAreAcceptedAndAbsentIsConnectionFactory() {
        for (String i : FactoryDefinition.INTERFACES) assertNull(factory(i, "", "", -1, true).problem(), i);
        assertTrue(factory("jakarta.jms.XAConnectionFactory", "", "", -1, true).problem().contains("interfaceName"));
        assertEquals("jakarta.jms.ConnectionFactory", factory(null, "", "", -1, true).interfaceName());
    }

    @Test
    void anotherResourceAdapterIsRefusedWithTheNameToUse() {
        assertNull(JmsDefinition.resourceAdapterProblem(""));
        assertNull(JmsDefinition.resourceAdapterProblem("rowmq-ra"));
        assertTrue(JmsDefinition.resourceAdapterProblem("activemq-ra").contains("rowmq-ra"));
        assertTrue(new DestinationDefinition("java:app/q", "activemq-ra", "jakarta.jms.Queue", "").problem()
                .contains("rowmq-ra"));
    }

    @Test
    void aDestinationWithoutPhysicalNameTakesTheLastPartOfItsJndiName() throws Exception {
        Topic t = assertInstanceOf(Topic.class,
                new DestinationDefinition("java:app/jms/events", null, "jakarta.jms.Topic", null).destination());
        assertEquals("events", t.getTopicName());
        Queue q = assertInstanceOf(Queue.class,
                new DestinationDefinition("java:comp/jms/q", "", "jakarta.jms.Queue", "orders.eu").destination());
        assertEquals("orders.eu", q.getQueueName());
        assertTrue(new DestinationDefinition("java:comp/jms/q", "", "jakarta.jms.Destination", "").problem()
                .contains("jakarta.jms.Queue or jakarta.jms.Topic"));
    }

    @Test
    void annotationPropertiesAreKeyValueEntries() {
        Map<String, String> p = ConnectionFactoryDefinitions.properties(
                new String[]{"other=1", " connectionDefinition = java:/jms/${suffix} ", "no-value"},
                s -> s.replace("${suffix}", "rowmq-local"));
        assertEquals(Map.of("other", "1", "connectionDefinition", "java:/jms/rowmq-local"), p);
    }

    /** The same definition read twice (two classes, two modules) binds once; a different one at that name conflicts. */
    @Test
    void bindingsAreEqualWhenTheyBindTheSameThing() {
        DestinationDefinition d = new DestinationDefinition("java:app/jms/q", "", "jakarta.jms.Queue", "orders");
        assertEquals(d.binding(), new DestinationDefinition("java:app/jms/q", "rowmq-ra", "jakarta.jms.Queue", "orders").binding());
        assertNotEquals(d.binding(), new DestinationDefinition("java:app/jms/q", "", "jakarta.jms.Queue", "other").binding());
        FactoryDefinition f = factory("jakarta.jms.ConnectionFactory", "", "", -1, true);
        assertEquals(f.binding(), factory("jakarta.jms.QueueConnectionFactory", "", "", -1, true).binding());
        assertNotEquals(f.binding(), new FactoryDefinition("java:app/jms/cf", "", null, "", "", "", -1, -1, true,
                Map.of(FactoryDefinition.CONNECTION_DEFINITION, "java:/jms/rowmq-local")).binding());
    }
}
