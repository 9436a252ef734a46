package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.resource.AdministeredObjectDefinition;
import jakarta.resource.ConnectionFactoryDefinition;
import jakarta.jms.Queue;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code @Inject JMSContext} through the adapter's CDI producer on the EE default JMS connection factory (bound to
 * RowMQ's), and RowMQ resources declared by the application. WildFly processes {@code @JMSConnectionFactoryDefinition}
 * and {@code @JMSDestinationDefinition} only in its messaging subsystem, which a server with RowMQ does not need; the
 * Connectors annotations {@code @ConnectionFactoryDefinition} and {@code @AdministeredObjectDefinition} declare the
 * same resources through the adapter. A definition gets an adapter instance of its own, configured by ra.xml only, so
 * it names its store in its properties.
 */
@ConnectionFactoryDefinition(name = "java:app/jms/defined", resourceAdapter = "rowmq-ra",
        interfaceName = "jakarta.jms.ConnectionFactory",
        properties = {"jdbcUrl=jdbc:h2:file:${jboss.server.data.dir}/rowmq/rowmq;WRITE_DELAY=0", "user=sa", "password=sa"})
@AdministeredObjectDefinition(name = "java:app/jms/definedQueue", resourceAdapter = "rowmq-ra",
        className = "org.rowmq.ra.RowQueueAdmin", interfaceName = "jakarta.jms.Queue", properties = {"name=it.defined"})
@ExtendWith(ArquillianExtension.class)
public class InjectionAndDefinitionsIT {

    /** How an application imports the adapter's @Inject JMSContext producer (see the README). */
    static final String IMPORT_PRODUCER = """
            <jboss-deployment-structure><deployment><dependencies>
              <module name="deployment.rowmq-ra.rar" meta-inf="import" services="import"/>
            </dependencies></deployment></jboss-deployment-structure>
            """;

    @Deployment
    static WebArchive app() {
        return Archives.war("injection").addAsWebInfResource(new StringAsset(IMPORT_PRODUCER),
                "jboss-deployment-structure.xml");
    }

    @Inject
    JMSContext injected;

    @Resource(lookup = "java:jboss/DefaultJMSConnectionFactory")
    ConnectionFactory defaultFactory;

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
    public void definedConnectionFactoryAndQueueWork() {
        assertEquals("it.defined", definedQueue.toString().replace("queue://", ""));
        String id = UUID.randomUUID().toString();
        try (JMSContext ctx = defined.createContext()) {
            ctx.createProducer().send(definedQueue, id);
        }
        assertEquals(id, receive(defaultFactory, "it.defined"));
    }
}
