package org.rowmq.wildfly.deployment;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnectionFactory;
import org.jboss.as.ee.component.Attachments;
import org.jboss.as.ee.component.InjectionSource;
import org.jboss.as.ee.component.LookupInjectionSource;
import org.jboss.as.ee.component.deployers.EEResourceReferenceProcessor;
import org.jboss.as.ee.component.deployers.EEResourceReferenceProcessorRegistry;
import org.jboss.as.server.deployment.DeploymentPhaseContext;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessor;

/**
 * {@code @Resource ConnectionFactory} (or a resource-ref of that type) with no name or lookup is the EE default JMS
 * connection factory (Jakarta EE, section 5.20): the server resolves it through this registry, as it does the default
 * datasource, to {@code java:comp/DefaultJMSConnectionFactory}.
 */
public final class DefaultFactoryReferences implements DeploymentUnitProcessor {
    private static final InjectionSource DEFAULT =
            new LookupInjectionSource("java:comp/" + DefaultFactoryBinding.NAME);

    @Override
    public void deploy(DeploymentPhaseContext phaseContext) {
        DeploymentUnit unit = phaseContext.getDeploymentUnit();
        if (unit.getParent() != null) return; // the registry is the top-level deployment's, shared by its modules
        EEResourceReferenceProcessorRegistry registry = unit.getAttachment(Attachments.RESOURCE_REFERENCE_PROCESSOR_REGISTRY);
        if (registry == null) return;
        for (Class<?> type : new Class<?>[]{ConnectionFactory.class, QueueConnectionFactory.class, TopicConnectionFactory.class})
            registry.registerResourceReferenceProcessor(new Default(type.getName()));
    }

    private record Default(String type) implements EEResourceReferenceProcessor {
        @Override
        public String getResourceReferenceType() {
            return type;
        }

        @Override
        public InjectionSource getResourceReferenceBindingSource() {
            return DEFAULT;
        }
    }
}
