package org.rowmq.wildfly.deployment;

import org.jboss.as.server.deployment.Attachments;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;
import org.jboss.as.server.deployment.module.ModuleDependency;
import org.jboss.as.server.deployment.module.ModuleSpecification;
import org.jboss.modules.Module;
import org.jboss.modules.ModuleLoader;

/**
 * Every deployment sees {@code jakarta.jms} (the server has it only as a module, shown by its messaging subsystem
 * otherwise) and this module with its services, whose CDI extension provides {@code @Inject JMSContext}. So an
 * application needs no {@code Dependencies} manifest entry nor {@code jboss-deployment-structure.xml} for JMS.
 */
public final class MessagingDependencies implements DeploymentUnitProcessor {
    private static final String JMS_API = "jakarta.jms.api";
    private static final String THIS_MODULE = "org.rowmq.wildfly";

    @Override
    public void deploy(DeploymentPhaseContext phaseContext) {
        ModuleSpecification spec = phaseContext.getDeploymentUnit().getAttachment(Attachments.MODULE_SPECIFICATION);
        if (spec == null) return;
        ModuleLoader loader = Module.getBootModuleLoader();
        spec.addSystemDependency(ModuleDependency.Builder.of(loader, JMS_API)
                .setReason("the rowmq subsystem: Jakarta Messaging for applications").build());
        spec.addSystemDependency(ModuleDependency.Builder.of(loader, THIS_MODULE).setImportServices(true)
                .setReason("the rowmq subsystem: @Inject JMSContext").build());
    }
}
