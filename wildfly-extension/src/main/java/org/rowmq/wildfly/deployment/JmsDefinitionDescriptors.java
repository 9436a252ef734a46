package org.rowmq.wildfly.deployment;

import org.jboss.as.ee.component.BindingConfiguration;
import org.jboss.as.ee.component.ComponentDescription;
import org.jboss.as.ee.component.DeploymentDescriptorEnvironment;
import org.jboss.as.ee.component.EEApplicationClasses;
import org.jboss.as.ee.component.ResourceInjectionTarget;
import org.jboss.as.ee.component.deployers.AbstractDeploymentDescriptorBindingsProcessor;
import org.jboss.as.ee.resource.definition.ResourceDefinitionInjectionSource;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.as.server.deployment.reflect.DeploymentReflectionIndex;
import org.jboss.metadata.javaee.spec.RemoteEnvironment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The deployment descriptor form of a JMS definition (Jakarta EE 10, section EE.5.18): its element in the environment
 * of {@code web.xml}, of a bean of {@code ejb-jar.xml} or of {@code application.xml}, which the server has already
 * parsed into metadata. The server binds what {@link #read} makes of each like an annotation's definition; where
 * both define the same name, the server keeps the descriptor's (the platform's rule: the descriptor overrides).
 * A definition RowMQ cannot honour fails the deployment, naming the element, where it is and what to write instead.
 *
 * @param <M> the metadata of one element
 */
abstract class JmsDefinitionDescriptors<M> extends AbstractDeploymentDescriptorBindingsProcessor {
    private final String element;

    JmsDefinitionDescriptors(String element) {
        this.element = element;
    }

    @Override
    protected final List<BindingConfiguration> processDescriptorEntries(
            DeploymentUnit unit, DeploymentDescriptorEnvironment environment, ResourceInjectionTarget target,
            ComponentDescription component, ClassLoader classLoader, DeploymentReflectionIndex index,
            EEApplicationClasses classes) throws DeploymentUnitProcessingException {
        Collection<M> entries = environment.getEnvironment() == null ? null : entries(environment.getEnvironment());
        if (entries == null) return List.of();
        List<BindingConfiguration> bindings = new ArrayList<>();
        for (M entry : entries) {
            JmsDefinition definition = read(entry);
            String problem = definition.problem();
            if (problem != null)
                throw new DeploymentUnitProcessingException("<" + element + "> " + definition.name() + " in "
                        + (component == null ? "" : "bean " + component.getComponentName() + " of ")
                        + "the deployment descriptor of " + unit.getName() + ": " + problem);
            ResourceDefinitionInjectionSource binding = definition.binding();
            bindings.add(new BindingConfiguration(binding.getJndiName(), binding));
        }
        return bindings;
    }

    /** This element's entries in the environment, or null when it has none. */
    abstract Collection<M> entries(RemoteEnvironment environment);

    /** The definition one element makes (the server's parser has resolved its ${...} expressions). */
    abstract JmsDefinition read(M entry);
}
