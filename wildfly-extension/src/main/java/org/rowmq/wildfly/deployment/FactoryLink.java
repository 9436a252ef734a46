package org.rowmq.wildfly.deployment;

import org.jboss.as.ee.component.Attachments;
import org.jboss.as.ee.component.EEModuleDescription;
import org.jboss.as.ee.component.LookupInjectionSource;
import org.jboss.as.naming.ManagedReferenceFactory;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.msc.inject.Injector;
import org.jboss.msc.service.ServiceBuilder;

/**
 * A connection factory definition's binding: a link to the server's RowMQ connection definition it names, or to the
 * ee subsystem's default JMS connection factory when it names none, so the deployment waits for that one.
 */
final class FactoryLink extends DefinitionBinding<String> {

    FactoryLink(String jndiName, String connectionDefinition) {
        super(jndiName, connectionDefinition);
    }

    @Override
    public void getResourceValue(ResolutionContext context, ServiceBuilder<?> serviceBuilder,
                                 DeploymentPhaseContext phaseContext, Injector<ManagedReferenceFactory> injector)
            throws DeploymentUnitProcessingException {
        String linked = target;
        if (linked == null) {
            EEModuleDescription module = phaseContext.getDeploymentUnit().getAttachment(Attachments.EE_MODULE_DESCRIPTION);
            linked = module == null ? null : module.getDefaultResourceJndiNames().getJmsConnectionFactory();
        }
        if (linked == null)
            throw new DeploymentUnitProcessingException("The JMS connection factory definition " + jndiName
                    + " names no connection definition (property " + FactoryDefinition.CONNECTION_DEFINITION
                    + "=<JNDI name>) and the ee subsystem has no default jms-connection-factory");
        new LookupInjectionSource(linked).getResourceValue(context, serviceBuilder, phaseContext, injector);
    }
}
