package org.rowmq.wildfly.deployment;

import org.jboss.metadata.javaee.spec.JMSDestinationMetaData;
import org.jboss.metadata.javaee.spec.RemoteEnvironment;

import java.util.Collection;

/** {@code <jms-destination>}: see {@link DestinationDefinition} for what it means on RowMQ. */
public final class DestinationDescriptors extends JmsDefinitionDescriptors<JMSDestinationMetaData> {

    public DestinationDescriptors() {
        super("jms-destination");
    }

    @Override
    Collection<JMSDestinationMetaData> entries(RemoteEnvironment environment) {
        return environment.getJmsDestinations();
    }

    @Override
    DestinationDefinition read(JMSDestinationMetaData m) {
        return new DestinationDefinition(m.getName(), m.getResourceAdapter(), m.getInterfaceName(),
                m.getDestinationName());
    }
}
