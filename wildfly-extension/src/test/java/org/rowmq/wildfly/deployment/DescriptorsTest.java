package org.rowmq.wildfly.deployment;

import jakarta.jms.Queue;
import org.jboss.as.ee.component.BindingConfiguration;
import org.jboss.as.ee.component.DeploymentDescriptorEnvironment;
import org.jboss.as.server.deployment.DeploymentUnit;
import org.jboss.as.server.deployment.DeploymentUnitProcessingException;
import org.jboss.metadata.javaee.spec.EnvironmentRefsGroupMetaData;
import org.jboss.metadata.javaee.spec.JMSConnectionFactoriesMetaData;
import org.jboss.metadata.javaee.spec.JMSConnectionFactoryMetaData;
import org.jboss.metadata.javaee.spec.JMSDestinationMetaData;
import org.jboss.metadata.javaee.spec.JMSDestinationsMetaData;
import org.jboss.metadata.javaee.spec.PropertiesMetaData;
import org.jboss.metadata.javaee.spec.PropertyMetaData;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code <jms-connection-factory>} and {@code <jms-destination>} as the server hands them over (parsed metadata of a
 * descriptor's environment) become the same definitions as the annotations, and a refused one names its element.
 */
class DescriptorsTest {

    private static JMSConnectionFactoryMetaData factory(String name) {
        JMSConnectionFactoryMetaData m = new JMSConnectionFactoryMetaData();
        m.setName(name);
        return m;
    }

    private static DeploymentDescriptorEnvironment environment(JMSConnectionFactoryMetaData... factories) {
        JMSConnectionFactoriesMetaData all = new JMSConnectionFactoriesMetaData();
        all.addAll(List.of(factories));
        EnvironmentRefsGroupMetaData env = new EnvironmentRefsGroupMetaData();
        env.setJmsConnectionFactories(all);
        return new DeploymentDescriptorEnvironment("java:module/env/", env);
    }

    private static DeploymentUnit unit(String name) {
        return (DeploymentUnit) Proxy.newProxyInstance(DeploymentUnit.class.getClassLoader(),
                new Class<?>[]{DeploymentUnit.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getName")) return name;
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aFactoryElementReadsLikeItsAnnotationWithItsDefaults() {
        JMSConnectionFactoryMetaData m = factory("java:app/jms/xml");
        PropertiesMetaData properties = new PropertiesMetaData();
        PropertyMetaData p = new PropertyMetaData();
        p.setName("connectionDefinition");
        p.setValue(" java:/jms/rowmq-local ");
        properties.add(p);
        m.setProperties(properties);
        FactoryDefinition read = new ConnectionFactoryDescriptors().read(m);
        assertEquals(new FactoryDefinition("java:app/jms/xml", "", "jakarta.jms.ConnectionFactory", "", "", "", -1, -1,
                true, Map.of("connectionDefinition", "java:/jms/rowmq-local")), read);
    }

    @Test
    void aDestinationElementReadsLikeItsAnnotation() throws Exception {
        JMSDestinationMetaData m = new JMSDestinationMetaData();
        m.setName("java:comp/jms/replies");
        m.setInterfaceName("jakarta.jms.Queue");
        m.setDestinationName("it.replies");
        DestinationDefinition read = new DestinationDescriptors().read(m);
        assertEquals(new DestinationDefinition("java:comp/jms/replies", "", "jakarta.jms.Queue", "it.replies"), read);
        assertEquals("it.replies", ((Queue) read.destination()).getQueueName());
        JMSDestinationsMetaData all = new JMSDestinationsMetaData();
        all.add(m);
        EnvironmentRefsGroupMetaData env = new EnvironmentRefsGroupMetaData();
        env.setJmsDestinations(all);
        assertEquals(List.of(m), List.copyOf(new DestinationDescriptors().entries(env)));
    }

    @Test
    void everyElementOfTheEnvironmentIsBoundAtItsName() throws Exception {
        List<BindingConfiguration> bindings = new ConnectionFactoryDescriptors().processDescriptorEntries(unit("app.war"),
                environment(factory("java:app/jms/a"), factory("java:global/jms/b")), null, null, null, null, null);
        assertEquals(List.of("java:app/jms/a", "java:global/jms/b"),
                bindings.stream().map(BindingConfiguration::getName).sorted().toList());
    }

    @Test
    void aRefusedElementFailsTheDeploymentNamingItAndItsDescriptor() {
        JMSConnectionFactoryMetaData m = factory("java:app/jms/secret");
        m.setUser("app");
        DeploymentUnitProcessingException e = assertThrows(DeploymentUnitProcessingException.class,
                () -> new ConnectionFactoryDescriptors().processDescriptorEntries(unit("app.war"), environment(m),
                        null, null, null, null, null));
        assertTrue(e.getMessage().startsWith("<jms-connection-factory> java:app/jms/secret in the deployment descriptor "
                + "of app.war: user/password is configured on the server's RowMQ connection definition"), e.getMessage());
    }
}
