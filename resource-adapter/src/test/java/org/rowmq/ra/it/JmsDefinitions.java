package org.rowmq.ra.it;

import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSDestinationDefinition;

/**
 * JMS resources an application declares on any class of its web module, in the application's, the module's and the
 * global namespace; the rowmq subsystem binds them at deployment, so they can be injected.
 */
@JMSConnectionFactoryDefinition(name = "java:app/jms/jmsDefined", resourceAdapter = "rowmq-ra",
        properties = "connectionDefinition=java:/jms/rowmq")
@JMSDestinationDefinition(name = "java:module/jms/jmsDefinedQueue", interfaceName = "jakarta.jms.Queue",
        resourceAdapter = "rowmq-ra", destinationName = "it.jmsdefined")
@JMSDestinationDefinition(name = "java:global/jms/jmsDefinedTopic", interfaceName = "jakarta.jms.Topic")
public class JmsDefinitions {
}
