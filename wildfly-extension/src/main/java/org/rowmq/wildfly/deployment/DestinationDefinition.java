package org.rowmq.wildfly.deployment;

import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.jboss.as.ee.resource.definition.ResourceDefinitionInjectionSource;

import java.io.Serializable;

/**
 * {@code @JMSDestinationDefinition} or {@code <jms-destination>}: a RowMQ queue or topic named
 * {@code destinationName}, or the last part of its JNDI name when that is empty. RowMQ creates a destination on first
 * use, so the name is all there is to it.
 */
record DestinationDefinition(String name, String resourceAdapter, String interfaceName, String destinationName)
        implements JmsDefinition {

    DestinationDefinition {
        resourceAdapter = JmsDefinition.orEmpty(resourceAdapter);
        interfaceName = JmsDefinition.orEmpty(interfaceName);
        destinationName = JmsDefinition.orEmpty(destinationName);
    }

    @Override
    public String problem() {
        String adapter = JmsDefinition.resourceAdapterProblem(resourceAdapter);
        if (adapter != null) return adapter;
        if (!interfaceName.equals(Queue.class.getName()) && !interfaceName.equals(Topic.class.getName()))
            return "interfaceName must be jakarta.jms.Queue or jakarta.jms.Topic, not \"" + interfaceName + "\"";
        return null;
    }

    /** The queue or topic the definition stands for. */
    Serializable destination() {
        String physical = destinationName.isEmpty() ? name.substring(name.lastIndexOf('/') + 1) : destinationName;
        return interfaceName.equals(Queue.class.getName()) ? new DefinedQueue(physical) : new DefinedTopic(physical);
    }

    @Override
    public ResourceDefinitionInjectionSource binding() {
        return new DestinationBinding(name, destination());
    }
}
