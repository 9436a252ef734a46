package org.rowmq.wildfly;

import org.jboss.as.controller.AbstractBoottimeAddStepHandler;
import org.jboss.as.controller.OperationContext;
import org.jboss.as.controller.PathElement;
import org.jboss.as.controller.ReloadRequiredRemoveStepHandler;
import org.jboss.as.controller.ResourceDefinition;
import org.jboss.as.controller.SimpleResourceDefinition;
import org.jboss.as.controller.descriptions.NonResolvingResourceDescriptionResolver;
import org.jboss.as.controller.registry.Resource;
import org.jboss.as.server.AbstractDeploymentChainStep;
import org.jboss.as.server.DeploymentProcessorTarget;
import org.jboss.as.server.deployment.Phase;
import org.jboss.dmr.ModelNode;
import org.rowmq.wildfly.deployment.ConnectionFactoryDefinitions;
import org.rowmq.wildfly.deployment.ConnectionFactoryDescriptors;
import org.rowmq.wildfly.deployment.DefaultFactoryBinding;
import org.rowmq.wildfly.deployment.DefaultFactoryReferences;
import org.rowmq.wildfly.deployment.DestinationDefinitions;
import org.rowmq.wildfly.deployment.DestinationDescriptors;
import org.rowmq.wildfly.deployment.MessagingDependencies;

/**
 * The subsystem's one resource. Adding it (at boot) puts RowMQ's deployment processors into the deployment chain, at
 * the places WildFly reserves for its messaging subsystem's (the {@code Phase} constants named for JMS), so they run
 * where the server expects JMS support to run; removing it needs a reload.
 */
final class RowMqSubsystem {
    private RowMqSubsystem() {
    }

    static ResourceDefinition definition() {
        return new SimpleResourceDefinition(new SimpleResourceDefinition.Parameters(
                PathElement.pathElement("subsystem", RowMqExtension.SUBSYSTEM_NAME),
                NonResolvingResourceDescriptionResolver.INSTANCE)
                .setAddHandler(new Add())
                .setRemoveHandler(ReloadRequiredRemoveStepHandler.INSTANCE));
    }

    private static final class Add extends AbstractBoottimeAddStepHandler {
        @Override
        protected void performBoottime(OperationContext context, ModelNode operation, Resource resource) {
            context.addStep(new AbstractDeploymentChainStep() {
                @Override
                protected void execute(DeploymentProcessorTarget chain) {
                    String name = RowMqExtension.SUBSYSTEM_NAME;
                    chain.addDeploymentProcessor(name, Phase.STRUCTURE,
                            Phase.STRUCTURE_JMS_CONNECTION_FACTORY_RESOURCE_INJECTION, new DefaultFactoryReferences());
                    chain.addDeploymentProcessor(name, Phase.PARSE,
                            Phase.PARSE_RESOURCE_DEF_ANNOTATION_JMS_DESTINATION, new DestinationDefinitions());
                    chain.addDeploymentProcessor(name, Phase.PARSE,
                            Phase.PARSE_RESOURCE_DEF_ANNOTATION_JMS_CONNECTION_FACTORY, new ConnectionFactoryDefinitions());
                    chain.addDeploymentProcessor(name, Phase.DEPENDENCIES, Phase.DEPENDENCIES_JMS,
                            new MessagingDependencies());
                    chain.addDeploymentProcessor(name, Phase.POST_MODULE,
                            Phase.POST_MODULE_RESOURCE_DEF_XML_JMS_DESTINATION, new DestinationDescriptors());
                    chain.addDeploymentProcessor(name, Phase.POST_MODULE,
                            Phase.POST_MODULE_RESOURCE_DEF_XML_JMS_CONNECTION_FACTORY, new ConnectionFactoryDescriptors());
                    chain.addDeploymentProcessor(name, Phase.INSTALL,
                            Phase.INSTALL_DEFAULT_BINDINGS_JMS_CONNECTION_FACTORY, new DefaultFactoryBinding());
                }
            }, OperationContext.Stage.RUNTIME);
        }
    }
}
