package org.rowmq.ra.it;

import jakarta.jms.JMSDestinationDefinition;

/**
 * Annotations of {@link DescriptorDefinitionsIT}'s web module: one the module's web.xml overrides with a definition of
 * the same name, and one it leaves alone (so the annotations of this class are known to be read).
 */
@JMSDestinationDefinition(name = "java:app/jms/overridden", interfaceName = "jakarta.jms.Queue",
        destinationName = "it.xml.annotation")
@JMSDestinationDefinition(name = "java:app/jms/annotated", interfaceName = "jakarta.jms.Queue",
        destinationName = "it.xml.annotation")
public class OverriddenDefinitions {
}
