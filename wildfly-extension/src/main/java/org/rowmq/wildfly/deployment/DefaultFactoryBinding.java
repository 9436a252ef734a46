package org.rowmq.wildfly.deployment;

import org.jboss.as.ee.component.EEModuleDescription;
import org.jboss.as.ee.component.deployers.AbstractPlatformBindingProcessor;
import org.jboss.as.server.deployment.DeploymentUnit;

/**
 * {@code java:comp/DefaultJMSConnectionFactory} (Jakarta EE, section 5.20) in every module and component: a link to
 * the ee subsystem's default binding {@code jms-connection-factory}, which the server configuration points at RowMQ's
 * pooled connection factory. No binding when that attribute is undefined.
 */
public final class DefaultFactoryBinding extends AbstractPlatformBindingProcessor {
    static final String NAME = "DefaultJMSConnectionFactory";

    @Override
    protected void addBindings(DeploymentUnit deploymentUnit, EEModuleDescription moduleDescription) {
        String target = moduleDescription.getDefaultResourceJndiNames().getJmsConnectionFactory();
        if (target != null) addBinding(target, NAME, deploymentUnit, moduleDescription);
    }
}
