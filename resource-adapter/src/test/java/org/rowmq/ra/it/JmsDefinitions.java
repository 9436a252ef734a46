package org.rowmq.ra.it;

import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSDestinationDefinition;

/** JMS resources an application declares on any class of its web module; the adapter binds them when it starts. */
@JMSConnectionFactoryDefinition(name = "java:global/jms/jmsDefined", resourceAdapter = "rowmq-ra",
        properties = "connectionDefinition=java:/jms/rowmq")
@JMSDestinationDefinition(name = "java:global/jms/jmsDefinedQueue", interfaceName = "jakarta.jms.Queue",
        resourceAdapter = "rowmq-ra", destinationName = "it.jmsdefined")
@JMSDestinationDefinition(name = "java:global/jms/jmsDefinedTopic", interfaceName = "jakarta.jms.Topic")
public class JmsDefinitions {
}
