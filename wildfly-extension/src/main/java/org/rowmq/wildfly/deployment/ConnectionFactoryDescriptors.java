package org.rowmq.wildfly.deployment;

import org.jboss.metadata.javaee.spec.JMSConnectionFactoryMetaData;
import org.jboss.metadata.javaee.spec.PropertiesMetaData;
import org.jboss.metadata.javaee.spec.PropertyMetaData;
import org.jboss.metadata.javaee.spec.RemoteEnvironment;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** {@code <jms-connection-factory>}: see {@link FactoryDefinition} for what it means on RowMQ. */
public final class ConnectionFactoryDescriptors extends JmsDefinitionDescriptors<JMSConnectionFactoryMetaData> {

    public ConnectionFactoryDescriptors() {
        super("jms-connection-factory");
    }

    @Override
    Collection<JMSConnectionFactoryMetaData> entries(RemoteEnvironment environment) {
        return environment.getJmsConnectionFactories();
    }

    @Override
    FactoryDefinition read(JMSConnectionFactoryMetaData m) {
        return new FactoryDefinition(m.getName(), m.getResourceAdapter(), m.getInterfaceName(), m.getUser(),
                m.getPassword(), m.getClientId(), m.getMinPoolSize(), m.getMaxPoolSize(), m.isTransactional(),
                properties(m.getProperties()));
    }

    private static Map<String, String> properties(PropertiesMetaData elements) {
        Map<String, String> properties = new HashMap<>();
        if (elements != null)
            for (PropertyMetaData p : elements)
                properties.put(p.getName().trim(), p.getValue() == null ? "" : p.getValue().trim());
        return properties;
    }
}
