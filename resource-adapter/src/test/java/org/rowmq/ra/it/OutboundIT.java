package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import jakarta.transaction.UserTransaction;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.sql.DataSource;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RowMQ's connection factory in the server: the Jakarta EE rules for JMS in the web and EJB containers, and XA with a
 * datasource (the business row and the message commit together and roll back together).
 */
@ExtendWith(ArquillianExtension.class)
public class OutboundIT {

    @Deployment
    static WebArchive app() {
        return Archives.war("outbound", Orders.class);
    }

    @Resource(lookup = "java:/jms/rowmq")
    ConnectionFactory cf;

    @Resource(lookup = "java:/jms/rowmq-local")
    ConnectionFactory local;

    @Resource(lookup = "java:/jdbc/OrdersXA")
    DataSource orders;

    @Resource
    UserTransaction tx;

    @BeforeEach
    void table() throws Exception {
        Orders.createTable(orders);
    }

    private String receive(String queue) {
        try (JMSContext ctx = cf.createContext()) {
            return ctx.createConsumer(ctx.createQueue(queue)).receiveBody(String.class, 2000);
        }
    }

    @Test
    public void oneSessionPerConnectionAndNoListenersClientIdOrStop() throws Exception {
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession();
            assertThrows(jakarta.jms.IllegalStateException.class, () -> c.createSession(),
                    "a second session on one connection");
            assertThrows(jakarta.jms.IllegalStateException.class, () -> s.setMessageListener(m -> { }));
            MessageConsumer consumer = s.createConsumer(s.createQueue("it.outbound.rules"));
            assertThrows(jakarta.jms.IllegalStateException.class, () -> consumer.setMessageListener(m -> { }));
            assertThrows(jakarta.jms.IllegalStateException.class, () -> c.setClientID("x"));
            assertThrows(jakarta.jms.IllegalStateException.class, () -> c.setExceptionListener(e -> { }));
            assertThrows(jakarta.jms.IllegalStateException.class, c::stop);
            s.close();
            c.createSession().close(); // a closed session makes room for another
        }
        try (JMSContext ctx = cf.createContext()) {
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.setClientID("x"));
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.setExceptionListener(e -> { }));
            assertThrows(IllegalStateRuntimeException.class, ctx::stop);
            assertThrows(jakarta.jms.JMSRuntimeException.class, () -> ctx.createContext(JMSContext.AUTO_ACKNOWLEDGE));
            JMSConsumer consumer = ctx.createConsumer(ctx.createQueue("it.outbound.rules"));
            assertThrows(IllegalStateRuntimeException.class, () -> consumer.setMessageListener(m -> { }));
            assertThrows(IllegalStateRuntimeException.class, () -> ctx.createProducer().setAsync(null).setAsync(
                    new jakarta.jms.CompletionListener() {
                        public void onCompletion(Message message) { }

                        public void onException(Message message, Exception exception) { }
                    }));
        }
    }

    @Test
    public void xaCommitKeepsTheRowAndTheMessageTogether() throws Exception {
        String id = UUID.randomUUID().toString();
        tx.begin();
        Orders.insert(orders, id);
        try (JMSContext ctx = cf.createContext()) {
            ctx.createProducer().send(ctx.createQueue("it.outbound.xa"), id);
        }
        tx.commit();
        assertTrue(Orders.exists(orders, id));
        assertEquals(id, receive("it.outbound.xa"));
    }

    @Test
    public void xaRollbackDropsBothAndSessionArgumentsAreIgnoredInTheTransaction() throws Exception {
        String id = UUID.randomUUID().toString();
        tx.begin();
        Orders.insert(orders, id);
        try (Connection c = cf.createConnection()) {
            // Non-transacted, auto-acknowledge: ignored inside the transaction (section 12.3), the send is the branch's.
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue("it.outbound.xarollback");
            MessageProducer p = s.createProducer(q);
            p.send(s.createTextMessage(id));
            assertThrows(TransactionInProgressException.class, s::commit, "the transaction manager commits");
        }
        tx.rollback();
        assertFalse(Orders.exists(orders, id));
        assertNull(receive("it.outbound.xarollback"), "the message rolled back with the row");
    }

    @Test
    public void receiveInARolledBackTransactionLeavesTheMessageQueued() throws Exception {
        String id = UUID.randomUUID().toString();
        try (JMSContext ctx = cf.createContext()) {
            ctx.createProducer().send(ctx.createQueue("it.outbound.xareceive"), id);
        }
        tx.begin();
        try (JMSContext ctx = cf.createContext()) {
            assertEquals(id, ctx.createConsumer(ctx.createQueue("it.outbound.xareceive")).receiveBody(String.class, 5000));
        }
        tx.rollback();
        try (JMSContext ctx = cf.createContext()) {
            Message again = ctx.createConsumer(ctx.createQueue("it.outbound.xareceive")).receive(5000);
            assertNotNull(again, "redelivered after the rollback");
            assertEquals(id, again.getBody(String.class));
            assertTrue(again.getJMSRedelivered());
            assertEquals(2, again.getIntProperty("JMSXDeliveryCount"));
        }
    }

    @Test
    public void localTransactionDefinitionCommitsAndRollsBackWithTheJtaTransaction() throws Exception {
        String id = UUID.randomUUID().toString();
        tx.begin();
        try (JMSContext ctx = local.createContext()) {
            ctx.createProducer().send(ctx.createQueue("it.outbound.localtx"), id + "-rolled-back");
        }
        tx.rollback();
        tx.begin();
        try (JMSContext ctx = local.createContext()) {
            ctx.createProducer().send(ctx.createQueue("it.outbound.localtx"), id);
        }
        tx.commit();
        assertEquals(id, receive("it.outbound.localtx"));
        assertNull(receive("it.outbound.localtx"), "the rolled-back send never happened");
    }

    @Test
    public void outsideATransactionSessionsAreWhatTheApplicationAsked() throws JMSException {
        String id = UUID.randomUUID().toString();
        try (Connection c = cf.createConnection()) {
            Session s = c.createSession(true, Session.SESSION_TRANSACTED);
            s.createProducer(s.createQueue("it.outbound.local")).send(s.createTextMessage(id));
            s.rollback();
            s.createProducer(s.createQueue("it.outbound.local")).send(s.createTextMessage(id + "-2"));
            s.commit();
        }
        assertEquals(id + "-2", receive("it.outbound.local"));
    }
}
