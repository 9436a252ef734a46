package org.rowmq.wildfly.deployment;

import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSConnectionFactoryDefinitions;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.metadata.property.PropertyReplacer;

import java.util.HashMap;
import java.util.Map;

import static org.jboss.as.ee.resource.definition.ResourceDefinitionAnnotationProcessor.AnnotationElement.asOptionalInt;
import static org.jboss.as.ee.resource.definition.ResourceDefinitionAnnotationProcessor.AnnotationElement.asOptionalString;
import static org.jboss.as.ee.resource.definition.ResourceDefinitionAnnotationProcessor.AnnotationElement.asOptionalStringArray;
import static org.jboss.as.ee.resource.definition.ResourceDefinitionAnnotationProcessor.AnnotationElement.asRequiredString;

/** {@code @JMSConnectionFactoryDefinition}: see {@link FactoryDefinition} for what it means on RowMQ. */
public final class ConnectionFactoryDefinitions extends JmsDefinitionAnnotations {

    public ConnectionFactoryDefinitions() {
        super(JMSConnectionFactoryDefinition.class, JMSConnectionFactoryDefinitions.class);
    }

    @Override
    FactoryDefinition read(AnnotationInstance a, PropertyReplacer replacer) {
        AnnotationValue transactional = a.value("transactional");
        return new FactoryDefinition(asRequiredString(a, AnnotationElement.NAME, replacer),
                asOptionalString(a, "resourceAdapter", replacer), asOptionalString(a, "interfaceName", replacer),
                asOptionalString(a, "user", replacer), asOptionalString(a, "password", replacer),
                asOptionalString(a, "clientId", replacer), asOptionalInt(a, "minPoolSize"),
                asOptionalInt(a, "maxPoolSize"), transactional == null || transactional.asBoolean(),
                properties(asOptionalStringArray(a, AnnotationElement.PROPERTIES), replacer));
    }

    /** The annotation's {@code key=value} entries (the spec's form), values resolved. */
    static Map<String, String> properties(String[] entries, PropertyReplacer replacer) {
        Map<String, String> properties = new HashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq > 0)
                properties.put(entry.substring(0, eq).trim(), replacer.replaceProperties(entry.substring(eq + 1).trim()));
        }
        return properties;
    }
}
