package org.rowmq.ra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.MessageDrivenContext;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Message-driven beans on RowMQ's activation (the ejb3 subsystem's default resource adapter is rowmq-ra.rar): queue
 * delivery inside the container's transaction, selectors, maxSession, redelivery and the dead-letter queue, durable and
 * shared topic subscriptions; beans outside any transaction (NOT_SUPPORTED, bean-managed) with each acknowledgeMode.
 */
@ExtendWith(ArquillianExtension.class)
public class InboundIT {

    @Deployment
    static WebArchive app() {
        return Archives.war("inbound", PlainMdb.class, SelectorMdb.class, ParallelMdb.class, FailingMdb.class,
                FailOnceMdb.class, DurableMdb.class, SharedMdb.class, AutoAckMdb.class, DupsOkMdb.class,
                NonTransactedFailingMdb.class, DestinationCounters.class, Tx.class);
    }

    @Resource(lookup = "java:/jms/rowmq")
    ConnectionFactory cf;

    static final CountDownLatch PARALLEL = new CountDownLatch(4);

    /** Whether the bean runs in a JTA transaction, as the server says. */
    public static final class Tx {
        static boolean active(TransactionSynchronizationRegistry tsr) {
            return tsr.getTransactionStatus() == Status.STATUS_ACTIVE;
        }
    }

    private void send(String queue, String body, String color) {
        try (JMSContext ctx = cf.createContext()) {
            ctx.createProducer().setProperty("color", color).send(ctx.createQueue(queue), body);
        }
    }

    private static Set<String> bodies(List<Inbox.Delivery> ds) {
        return ds.stream().map(Inbox.Delivery::body).collect(Collectors.toSet());
    }

    @Test
    public void mdbReceivesQueueMessagesInTheContainersTransaction() throws Exception {
        for (int i = 0; i < 5; i++) send("it.inbound.plain", "plain-" + i, "none");
        List<Inbox.Delivery> got = Inbox.await("plain", 5);
        assertEquals(Set.of("plain-0", "plain-1", "plain-2", "plain-3", "plain-4"), bodies(got));
        for (Inbox.Delivery d : got) {
            assertTrue(d.inTransaction(), "delivered inside the container's transaction: " + d);
            assertEquals(1, d.deliveryCount(), "first delivery: " + d);
        }
        assertEquals(List.of(), Inbox.drain("plain", 1500), "each message once");
    }

    @Test
    public void selectorActivationGetsOnlyMatchingMessages() throws Exception {
        send("orders", "red-1", "red");
        send("orders", "blue-1", "blue");
        send("orders", "red-2", "red");
        assertEquals(Set.of("red-1", "red-2"), bodies(Inbox.await("selector", 2)));
        assertEquals(List.of(), Inbox.drain("selector", 1500));
        // The blue one is still in the queue for someone else.
        try (JMSContext ctx = cf.createContext()) {
            QueueBrowser browser = ctx.createBrowser((Queue) ctx.createQueue("orders"), "color = 'blue'");
            Set<String> waiting = new HashSet<>();
            for (Object o : Collections.list(browser.getEnumeration())) waiting.add(((Message) o).getBody(String.class));
            assertTrue(waiting.contains("blue-1"), "blue stays queued: " + waiting);
        }
    }

    @Test
    public void maxSessionDeliversInParallelEachMessageOnce() throws Exception {
        for (int i = 0; i < 12; i++) send("it.inbound.parallel", "p-" + i, "none");
        List<Inbox.Delivery> got = Inbox.await("parallel", 12);
        assertEquals(0, PARALLEL.getCount(), "four deliveries were in onMessage at the same time");
        assertEquals(12, got.size());
        assertEquals(12, bodies(got).size(), "each message once: " + got);
        assertTrue(got.stream().map(Inbox.Delivery::thread).distinct().count() >= 4, "four sessions: " + got);
        assertEquals(List.of(), Inbox.drain("parallel", 1500));
    }

    @Test
    public void rolledBackDeliveryComesBackWithItsCountRaisedThenGoesToTheDeadLetterQueue() throws Exception {
        send("it.inbound.failing", "doomed", "none");
        List<Inbox.Delivery> got = Inbox.await("failing", 10);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), got.stream().map(Inbox.Delivery::deliveryCount).toList());
        assertFalse(got.get(0).redelivered());
        assertTrue(got.get(1).redelivered());
        assertEquals(List.of(), Inbox.drain("failing", 1500), "no eleventh delivery: the default maximum is 10");
        // The provider sets JMS_RowMQ_OriginalDestination on delivery (a selector cannot see it): look for the body.
        try (JMSContext ctx = cf.createContext()) {
            JMSConsumer dlq = ctx.createConsumer(ctx.createQueue("DLQ"));
            Message dead;
            do {
                dead = dlq.receive(30_000);
            } while (dead != null && !"doomed".equals(dead.getBody(String.class)));
            assertNotNull(dead, "the message is in the dead-letter queue");
            assertEquals("it.inbound.failing", dead.getStringProperty("JMS_RowMQ_OriginalDestination"));
        }
    }

    @Test
    public void beanThatThrowsGetsTheMessageAgain() throws Exception {
        send("it.inbound.failonce", "retry-me", "none");
        List<Inbox.Delivery> got = Inbox.await("failonce", 2);
        assertEquals(List.of(1, 2), got.stream().map(Inbox.Delivery::deliveryCount).toList());
        assertEquals(List.of(), Inbox.drain("failonce", 1500), "consumed by the committed second delivery");
    }

    @Test
    public void durableAndSharedSubscriptionBeansEachGetEveryTopicMessageOnce() throws Exception {
        try (JMSContext ctx = cf.createContext()) {
            for (int i = 0; i < 6; i++) ctx.createProducer().send(ctx.createTopic("events"), "e-" + i);
        }
        Set<String> all = Set.of("e-0", "e-1", "e-2", "e-3", "e-4", "e-5");
        List<Inbox.Delivery> durable = Inbox.await("durable", 6);
        List<Inbox.Delivery> shared = Inbox.await("shared", 6);
        assertEquals(all, bodies(durable));
        assertEquals(all, bodies(shared));
        assertEquals(List.of(), Inbox.drain("durable", 1000));
        assertEquals(List.of(), Inbox.drain("shared", 500), "the shared subscription's sessions split the messages");
    }

    @Test
    public void notSupportedBeanWithAutoAcknowledgeConsumesEachMessageOnceWhenOnMessageReturns() throws Exception {
        assertEachConsumedOnceOutsideTransactions("it.inbound.autoack", "autoack");
    }

    @Test
    public void beanManagedBeanWithDupsOkAcknowledgeConsumesEachMessageOnceWhenOnMessageReturns() throws Exception {
        assertEachConsumedOnceOutsideTransactions("it.inbound.dupsok", "dupsok");
    }

    private void assertEachConsumedOnceOutsideTransactions(String queue, String box) throws Exception {
        DestinationCounters counters = new DestinationCounters(queue);
        for (int i = 0; i < 3; i++) send(queue, box + "-" + i, "none");
        List<Inbox.Delivery> got = Inbox.await(box, 3);
        assertEquals(Set.of(box + "-0", box + "-1", box + "-2"), bodies(got));
        for (Inbox.Delivery d : got) {
            assertFalse(d.inTransaction(), "delivered outside any transaction: " + d);
            assertEquals(1, d.deliveryCount(), "first delivery: " + d);
        }
        assertEquals(3, counters.await("Acknowledged", n -> n >= 3), "each message consumed (its row deleted)");
        assertEquals(List.of(), Inbox.drain(box, 1500), "nothing redelivered");
        assertEquals(0, counters.get("Redelivered"));
        assertEquals(3, counters.get("Acknowledged"));
    }

    private void sendFailing(String body, int failUntil) {
        try (JMSContext ctx = cf.createContext()) {
            ctx.createProducer().setProperty("failUntil", failUntil).setProperty("probe", body)
                    .send(ctx.createQueue("it.inbound.nt-failing"), body);
        }
    }

    @Test
    public void nonTransactedBeanThatThrowsGetsTheMessageAgain() throws Exception {
        DestinationCounters counters = new DestinationCounters("it.inbound.nt-failing");
        sendFailing("nt-retry", 1);
        List<Inbox.Delivery> got = Inbox.await("nt-retry", 2);
        assertEquals(List.of(1, 2), got.stream().map(Inbox.Delivery::deliveryCount).toList());
        assertFalse(got.get(0).redelivered());
        assertTrue(got.get(1).redelivered());
        assertFalse(got.get(0).inTransaction() || got.get(1).inTransaction(), "outside any transaction: " + got);
        // Only this test's message is ever acknowledged on this queue (the other one goes to the dead-letter queue).
        assertEquals(1, counters.await("Acknowledged", n -> n >= 1), "consumed by the second delivery");
        assertEquals(List.of(), Inbox.drain("nt-retry", 1500), "no third delivery");
    }

    @Test
    public void nonTransactedBeanThatAlwaysThrowsSendsTheMessageToTheDeadLetterQueueAtTheMaximum() throws Exception {
        sendFailing("nt-doomed", Integer.MAX_VALUE);
        List<Inbox.Delivery> got = Inbox.await("nt-doomed", 10);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), got.stream().map(Inbox.Delivery::deliveryCount).toList());
        assertEquals(List.of(), Inbox.drain("nt-doomed", 1500), "no eleventh delivery: the default maximum is 10");
        try (JMSContext ctx = cf.createContext()) {
            Message dead = ctx.createConsumer(ctx.createQueue("DLQ"), "probe = 'nt-doomed'").receive(30_000);
            assertNotNull(dead, "the message is in the dead-letter queue");
            assertEquals("nt-doomed", dead.getBody(String.class));
            assertEquals("it.inbound.nt-failing", dead.getStringProperty("JMS_RowMQ_OriginalDestination"));
        }
    }
}
