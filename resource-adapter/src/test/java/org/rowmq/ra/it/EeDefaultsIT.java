package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.naming.InitialContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Jakarta EE defaults for JMS on a server whose messaging is RowMQ, with an application that declares nothing
 * about JMS (no manifest entry, no deployment structure, no resource-ref, no definition): the rowmq subsystem binds
 * {@code java:comp/DefaultJMSConnectionFactory} to the ee subsystem's default {@code jms-connection-factory}
 * (RowMQ's pooled factory), resolves {@code @Resource ConnectionFactory} without a name to it, and produces
 * {@code @Inject JMSContext} on it; a message-driven bean on RowMQ's adapter receives what they send.
 */
@ExtendWith(ArquillianExtension.class)
public class EeDefaultsIT {
    static final String QUEUE = "it.eedefaults.mdb";

    @Deployment
    static WebArchive app() {
        return Archives.war("eedefaults", DefaultFactoryBean.class, DefaultFactoryEjb.class, DefaultsMdb.class);
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

    @Test
    public void theDefaultFactoryIsRowMQsPooledFactory() throws Exception {
        Object found = new InitialContext().lookup("java:comp/DefaultJMSConnectionFactory");
        assertTrue(found.getClass().getName().startsWith("org.rowmq.ra."), found.getClass().getName());
    }

    @Test
    public void unnamedResourceInACdiBeanIsTheDefaultFactory() {
        String id = UUID.randomUUID().toString();
        bean.send("it.eedefaults.cdi", id);
        assertEquals(List.of(id), drain("it.eedefaults.cdi"));
    }

    /** Unnamed, java:comp and injected all send in the caller's transaction, and RowMQ's MDB receives each once. */
    @Test
    public void ejbDefaultsSendInTheCallersTransactionToAnMdb() throws Exception {
        String id = UUID.randomUUID().toString();
        tx.begin();
        ejb.sendThroughEach(QUEUE, id + "-rolled-back");
        tx.rollback();
        tx.begin();
        ejb.sendThroughEach(QUEUE, id);
        tx.commit();
        List<String> got = new ArrayList<>(Inbox.await(QUEUE, 3).stream().map(Inbox.Delivery::body).toList());
        got.addAll(Inbox.drain(QUEUE, 1000).stream().map(Inbox.Delivery::body).toList());
        assertEquals(List.of(id + " injected", id + " java:comp", id + " unnamed"), got.stream().sorted().toList(),
                "the committed three, once each; nothing of the rolled-back transaction");
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
