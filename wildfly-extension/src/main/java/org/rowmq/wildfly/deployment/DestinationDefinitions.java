package org.rowmq.wildfly.deployment;

import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSDestinationDefinitions;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.metadata.property.PropertyReplacer;

import static org.jboss.as.ee.resource.definition.ResourceDefinitionAnnotationProcessor.AnnotationElement.asOptionalString;
import static org.jboss.as.ee.resource.definition.ResourceDefinitionAnnotationProcessor.AnnotationElement.asRequiredString;

/** {@code @JMSDestinationDefinition}: see {@link DestinationDefinition} for what it means on RowMQ. */
public final class DestinationDefinitions extends JmsDefinitionAnnotations {

    public DestinationDefinitions() {
        super(JMSDestinationDefinition.class, JMSDestinationDefinitions.class);
    }

    @Override
    DestinationDefinition read(AnnotationInstance a, PropertyReplacer replacer) {
        return new DestinationDefinition(asRequiredString(a, AnnotationElement.NAME, replacer),
                asOptionalString(a, "resourceAdapter", replacer), asRequiredString(a, "interfaceName", replacer),
                asOptionalString(a, "destinationName", replacer));
    }
}
