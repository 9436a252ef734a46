package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.resource.AdministeredObjectDefinition;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code @Inject JMSContext} on the EE default JMS connection factory (RowMQ's), and RowMQ resources declared by the
 * application, injected with {@code @Resource(lookup = ...)}: the Jakarta Messaging definitions
 * ({@code @JMSConnectionFactoryDefinition}, {@code @JMSDestinationDefinition}), which the rowmq subsystem binds in
 * java:comp, java:module, java:app or java:global at deployment, in a web module and in an EJB jar deployed alone;
 * and the Connectors definitions ({@code @ConnectionFactoryDefinition}, {@code @AdministeredObjectDefinition}), which
 * WildFly resolves itself (a definition gets an adapter instance of its own, configured by ra.xml only, so it names
 * its store in its properties).
 */
@ConnectionFactoryDefinition(name = "java:app/jms/defined", resourceAdapter = "rowmq-ra",
        interfaceName = "jakarta.jms.ConnectionFactory",
        properties = {"jdbcUrl=jdbc:h2:file:${jboss.server.data.dir}/rowmq/rowmq;WRITE_DELAY=0", "user=sa", "password=sa"})
@AdministeredObjectDefinition(name = "java:app/jms/definedQueue", resourceAdapter = "rowmq-ra",
        className = "org.rowmq.ra.RowQueueAdmin", interfaceName = "jakarta.jms.Queue", properties = {"name=it.defined"})
@ExtendWith(ArquillianExtension.class)
public class InjectionAndDefinitionsIT {
    static final String REQUESTS = "it.ejbdefs.requests";
    static final String RELAYED = "it.ejbdefs.relayed";
    static final String DONE = "it.ejbdefs.done";

    /** An EJB jar alone, with two message-driven beans and their JMS definitions (no web module). */
    @Deployment(name = "ejbjar", order = 1, testable = false)
    static JavaArchive ejbJar() {
        return ShrinkWrap.create(JavaArchive.class, "ejbdefs.jar")
                .addClasses(DefinitionsRelayMdb.class, DefinitionsSinkMdb.class);
    }

    /** The Connectors definitions need the adapter's classes: WildFly creates its objects in the application. */
    @Deployment(name = "war", order = 2)
    static WebArchive app() {
        return Archives.war("injection", JmsDefinitions.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: deployment.rowmq-ra.rar\n"));
    }

    @Inject
    JMSContext injected;

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory defaultFactory;

    @Resource(lookup = "java:app/jms/jmsDefined")
    ConnectionFactory jmsDefined;

    @Resource(lookup = "java:module/jms/jmsDefinedQueue")
    Queue jmsDefinedQueue;

    @Resource(lookup = "java:global/jms/jmsDefinedTopic")
    Topic jmsDefinedTopic;

    @Resource(lookup = "java:app/jms/defined")
    ConnectionFactory defined;

    @Resource(lookup = "java:app/jms/definedQueue")
    Queue definedQueue;

    @Resource
    UserTransaction tx;

    private String receive(ConnectionFactory cf, String queue) {
        try (JMSContext ctx = cf.createContext()) {
            return ctx.createConsumer(ctx.createQueue(queue)).receiveBody(String.class, 2000);
        }
    }

    @Test
    @OperateOnDeployment("war")
    public void injectedContextSendsInTheTransactionAndRefusesWhatTheContainerOwns() throws Exception {
        String id = UUID.randomUUID().toString();
        tx.begin();
        injected.createProducer().send(injected.createQueue("it.injected"), id + "-rolled-back");
        tx.rollback();
        tx.begin();
        injected.createProducer().send(injected.createQueue("it.injected"), id);
        tx.commit();
        assertEquals(id, receive(defaultFactory, "it.injected"));
        assertNull(receive(defaultFactory, "it.injected"), "the rolled-back send never happened");

        injected.createProducer().send(injected.createQueue("it.injected"), id + "-no-transaction");
        assertEquals(id + "-no-transaction", receive(defaultFactory, "it.injected"));

        assertThrows(IllegalStateRuntimeException.class, injected::commit);
        assertThrows(IllegalStateRuntimeException.class, injected::close);
        assertThrows(IllegalStateRuntimeException.class, () -> injected.setClientID("x"));
    }

    @Test
    @OperateOnDeployment("war")
    public void definedConnectionFactoryAndQueueWork() {
        assertEquals("it.defined", definedQueue.toString().replace("queue://", ""));
        String id = UUID.randomUUID().toString();
        try (JMSContext ctx = defined.createContext()) {
            ctx.createProducer().send(definedQueue, id);
        }
        assertEquals(id, receive(defaultFactory, "it.defined"));
    }

    @Test
    @OperateOnDeployment("war")
    public void jmsDefinitionsInAWebModuleAreInjected() {
        assertEquals("queue://it.jmsdefined", jmsDefinedQueue.toString());
        assertEquals("topic://jmsDefinedTopic", jmsDefinedTopic.toString(), "no destinationName: the last part of the name");
        String id = UUID.randomUUID().toString();
        try (JMSContext ctx = jmsDefined.createContext()) {
            ctx.createProducer().send(jmsDefinedQueue, id);
        }
        assertEquals(id, receive(defaultFactory, "it.jmsdefined"));
    }

    /** The EJB jar's beans send through their injected definitions: a request comes back relayed and done. */
    @Test
    @OperateOnDeployment("war")
    public void jmsDefinitionsInAnEjbJarAreInjectedIntoItsMessageDrivenBeans() {
        String id = UUID.randomUUID().toString();
        try (JMSContext ctx = defaultFactory.createContext()) {
            ctx.createProducer().send(ctx.createQueue(REQUESTS), id);
            assertEquals(id + " relayed done", ctx.createConsumer(ctx.createQueue(DONE)).receiveBody(String.class, 60_000));
        }
    }
}
