package org.rowmq.wildfly.deployment;

import org.jboss.as.naming.ImmediateManagedReferenceFactory;
import org.jboss.as.naming.ManagedReferenceFactory;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.msc.inject.Injector;
import org.jboss.msc.service.ServiceBuilder;

import java.io.Serializable;

/** A destination definition's binding: the RowMQ queue or topic itself, which needs no service behind it. */
final class DestinationBinding extends DefinitionBinding<Serializable> {

    DestinationBinding(String jndiName, Serializable destination) {
        super(jndiName, destination);
    }

    @Override
    public void getResourceValue(ResolutionContext context, ServiceBuilder<?> serviceBuilder,
                                 DeploymentPhaseContext phaseContext, Injector<ManagedReferenceFactory> injector) {
        injector.inject(new ImmediateManagedReferenceFactory(target));
    }
}
