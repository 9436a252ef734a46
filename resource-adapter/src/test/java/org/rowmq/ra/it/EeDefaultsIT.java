package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The Jakarta EE defaults and definitions for JMS on a server whose messaging is RowMQ: the adapter's CDI extensions
 * bind {@code @JMSConnectionFactoryDefinition} and {@code @JMSDestinationDefinition} and give {@code @Resource
 * ConnectionFactory} without a name the default factory; the application imports them with the adapter's module.
 */
@ExtendWith(ArquillianExtension.class)
public class EeDefaultsIT {

    @Deployment
    static WebArchive app() {
        return Archives.war("eedefaults", JmsDefinitions.class, DefaultFactoryBean.class, DefaultFactoryEjb.class)
                .addAsWebInfResource(new StringAsset(InjectionAndDefinitionsIT.IMPORT_PRODUCER),
                        "jboss-deployment-structure.xml");
    }

    @Resource(lookup = "java:/jms/rowmq")
    ConnectionFactory rowmq;

    @Inject
    DefaultFactoryBean bean;

    @EJB
    DefaultFactoryEjb ejb;

    @Resource
    UserTransaction tx;

    private List<String> drain(String queue) {
        List<String> got = new ArrayList<>();
        try (JMSContext ctx = rowmq.createContext()) {
            var consumer = ctx.createConsumer(ctx.createQueue(queue));
            for (String body; (body = consumer.receiveBody(String.class, 1500)) != null; ) got.add(body);
        }
        return got;
    }

    /**
     * Looked up, not injected with @Resource(lookup): WildFly resolves the EE references of an application before its
     * CDI container starts, so a reference to a name that the extension binds would wait for it forever.
     */
    @Test
    public void definedFactoryAndDestinationsAreBound() throws NamingException {
        InitialContext jndi = new InitialContext();
        ConnectionFactory defined = (ConnectionFactory) jndi.lookup("java:global/jms/jmsDefined");
        Queue definedQueue = (Queue) jndi.lookup("java:global/jms/jmsDefinedQueue");
        Topic definedTopic = (Topic) jndi.lookup("java:global/jms/jmsDefinedTopic");
        assertEquals("it.jmsdefined", definedQueue.toString().replace("queue://", ""));
        assertEquals("jmsDefinedTopic", definedTopic.toString().replace("topic://", ""),
                "no destinationName: the last part of the JNDI name");
        String id = UUID.randomUUID().toString();
        try (JMSContext ctx = defined.createContext()) {
            ctx.createProducer().send(definedQueue, id);
        }
        assertEquals(List.of(id), drain("it.jmsdefined"));
    }

    @Test
    public void unnamedResourceInACdiBeanIsTheDefaultFactory() {
        String id = UUID.randomUUID().toString();
        bean.send("it.eedefaults.cdi", id);
        assertEquals(List.of(id), drain("it.eedefaults.cdi"));
    }

    @Test
    public void ejbDefaultsSendInTheCallersTransaction() throws Exception {
        String id = UUID.randomUUID().toString();
        tx.begin();
        ejb.sendThroughEach(id + "-rolled-back");
        tx.rollback();
        tx.begin();
        ejb.sendThroughEach(id);
        tx.commit();
        assertEquals(List.of(id + " unnamed", id + " java:comp", id + " injected"),
                drain("it.jmsdefined").stream().sorted((a, b) -> order(a) - order(b)).toList());
    }

    private static int order(String body) {
        return body.endsWith("unnamed") ? 0 : body.endsWith("java:comp") ? 1 : 2;
    }

    /** JMSContext.close: a closed context refuses calls, also when it shared the pooled transaction context. */
    @Test
    public void aClosedContextInATransactionRefusesCalls() throws Exception {
        tx.begin();
        try {
            JMSContext ctx = rowmq.createContext();
            ctx.close();
            assertThrows(IllegalStateRuntimeException.class, ctx::createProducer);
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.createQueue("it.closed"));
            try (JMSContext next = rowmq.createContext()) {
                next.createProducer().send(next.createQueue("it.closed"), "after");
            }
        } finally {
            tx.commit();
        }
        assertEquals(List.of("after"), drain("it.closed"));
    }
}
