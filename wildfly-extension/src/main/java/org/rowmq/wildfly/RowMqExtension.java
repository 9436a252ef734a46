package org.rowmq.wildfly;

import org.jboss.as.controller.Extension;
import org.jboss.as.controller.ExtensionContext;
import org.jboss.as.controller.ModelVersion;
import org.jboss.as.controller.SubsystemRegistration;
import org.jboss.as.controller.parsing.ExtensionParsingContext;

/**
 * The {@code rowmq} subsystem: for a server whose messaging is RowMQ's resource adapter, it does for applications what
 * WildFly's messaging subsystem does for its own broker, and nothing else (it has no attributes). Every deployment sees
 * {@code jakarta.jms}, gets {@code java:comp/DefaultJMSConnectionFactory} bound to the ee subsystem's default
 * {@code jms-connection-factory}, {@code @Resource ConnectionFactory} without a name, {@code @Inject JMSContext}, and
 * its {@code @JMSConnectionFactoryDefinition} and {@code @JMSDestinationDefinition}, and their descriptor forms
 * {@code <jms-connection-factory>} and {@code <jms-destination>}, bound like any EE resource definition (java:comp,
 * java:module, java:app or java:global). Installed with
 * {@code /extension=org.rowmq.wildfly:add} and {@code /subsystem=rowmq:add}.
 */
public class RowMqExtension implements Extension {
    public static final String SUBSYSTEM_NAME = "rowmq";
    static final String NAMESPACE = "urn:rowmq:wildfly:1.0";

    @Override
    public void initialize(ExtensionContext context) {
        SubsystemRegistration subsystem = context.registerSubsystem(SUBSYSTEM_NAME, ModelVersion.create(1));
        subsystem.registerSubsystemModel(RowMqSubsystem.definition());
        subsystem.registerXMLElementWriter(new RowMqSubsystemXml());
    }

    @Override
    public void initializeParsers(ExtensionParsingContext context) {
        context.setSubsystemXmlMapping(SUBSYSTEM_NAME, NAMESPACE, new RowMqSubsystemXml());
    }
}
