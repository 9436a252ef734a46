package org.rowmq.wildfly.deployment;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnectionFactory;
import org.jboss.as.ee.resource.definition.ResourceDefinitionInjectionSource;

import java.util.Map;
import java.util.Set;

/**
 * {@code @JMSConnectionFactoryDefinition} or {@code <jms-connection-factory>}. On RowMQ it stands for one of the
 * adapter's connection definitions configured in the server (its JNDI name in the property
 * {@code connectionDefinition}; the EE default JMS connection factory when absent), whose pool, credentials, client ID
 * and transaction support it uses: a definition that sets those itself is refused rather than silently ignored.
 * A pool size of -1 is the forms' "not set".
 */
record FactoryDefinition(String name, String resourceAdapter, String interfaceName, String user, String password,
                         String clientId, int minPoolSize, int maxPoolSize, boolean transactional,
                         Map<String, String> properties) implements JmsDefinition {
    /** The property naming the server's connection definition the definition uses. */
    static final String CONNECTION_DEFINITION = "connectionDefinition";
    static final Set<String> INTERFACES = Set.of(ConnectionFactory.class.getName(),
            QueueConnectionFactory.class.getName(), TopicConnectionFactory.class.getName());

    FactoryDefinition {
        resourceAdapter = JmsDefinition.orEmpty(resourceAdapter);
        interfaceName = interfaceName == null || interfaceName.isEmpty() ? ConnectionFactory.class.getName() : interfaceName;
        user = JmsDefinition.orEmpty(user);
        password = JmsDefinition.orEmpty(password);
        clientId = JmsDefinition.orEmpty(clientId);
        properties = Map.copyOf(properties);
    }

    @Override
    public String problem() {
        String adapter = JmsDefinition.resourceAdapterProblem(resourceAdapter);
        if (adapter != null) return adapter;
        String refused = !user.isEmpty() || !password.isEmpty() ? "user/password"
                : !clientId.isEmpty() ? "clientId"
                : minPoolSize != -1 || maxPoolSize != -1 ? "minPoolSize/maxPoolSize"
                : !transactional ? "transactional = false" : null;
        if (refused != null)
            return refused + " is configured on the server's RowMQ connection definition that the definition names "
                    + "with the property " + CONNECTION_DEFINITION + "=<its JNDI name>";
        if (!INTERFACES.contains(interfaceName))
            return "interfaceName " + interfaceName + " is not one of " + INTERFACES;
        return null;
    }

    @Override
    public ResourceDefinitionInjectionSource binding() {
        return new FactoryLink(name, properties.get(CONNECTION_DEFINITION));
    }
}
