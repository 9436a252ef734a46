package org.rowmq.tx.rowmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import jakarta.jms.JMSContext;
import jakarta.jms.Message;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.tx.TxCoordinator;

/**
 * RowMQ as a resource of {@link TxCoordinator#inTransaction}: an order row in the application's H2 database and the
 * messages received and sent through RowMQ commit together or not at all.
 */
class RowmqInTransactionTest {

    private static final long WAIT = 10_000;
    private static final long QUIET = 700;

    @TempDir
    Path dir;
    private OrdersDatabase orders;
    private MessageDatabase messages;
    private RowXAConnectionFactory rowmq;
    private TxCoordinator coordinator;

    @BeforeEach
    void start() throws Exception {
        orders = OrdersDatabase.create(dir.resolve("orders"));
        messages = MessageDatabase.h2(dir.resolve("rowmq"));
        rowmq = messages.factory();
        coordinator = RowmqCoordinators.start();
        coordinator.registerXADataSource("orders-db", orders.xaDataSource());
        coordinator.registerXAConnectionFactory("rowmq", rowmq);
    }

    @AfterEach
    void stop() {
        coordinator.close();
        rowmq.close();
    }

    /** The application's step: take a request, store the order, announce it. */
    private static void placeOrder(org.rowmq.tx.TransactionScope tx, String id) throws Exception {
        JMSContext jms = tx.jms("rowmq");
        Message request = jms.createConsumer(jms.createQueue("order.requests")).receive(WAIT);
        assertNotNull(request, "the request for " + id);
        OrdersDatabase.insertOrder(tx.connection("orders-db"), id, request.getBody(String.class));
        jms.createProducer().send(jms.createQueue("order.placed"), "placed " + id);
    }

    @Test
    void returningCommitsTheOrderRowAndTheMessagesTogether() throws Exception {
        MessageDatabase.send(rowmq, "order.requests", "book");
        coordinator.inTransaction(tx -> placeOrder(tx, "o-1"));

        assertTrue(orders.hasOrder("o-1"));
        List<Message> placed = MessageDatabase.drain(rowmq, "order.placed", QUIET);
        assertEquals(List.of("placed o-1"), bodies(placed));
        assertEquals(List.of(), MessageDatabase.drain(rowmq, "order.requests", QUIET), "the request was consumed");
        assertEquals(0, messages.preparedBranches());
    }

    @Test
    void throwingRollsBackTheOrderRowAndTheMessagesTogether() throws Exception {
        MessageDatabase.send(rowmq, "order.requests", "lamp");
        IllegalStateException declined = new IllegalStateException("payment declined");
        Exception thrown = assertThrows(Exception.class, () -> coordinator.inTransaction(tx -> {
            placeOrder(tx, "o-2");
            throw declined;
        }));

        assertSame(declined, thrown);
        assertFalse(orders.hasOrder("o-2"));
        assertEquals(List.of(), MessageDatabase.drain(rowmq, "order.placed", QUIET));
        List<Message> again = MessageDatabase.drain(rowmq, "order.requests", QUIET);
        assertEquals(List.of("lamp"), bodies(again), "the request is back");
        assertTrue(again.get(0).getJMSRedelivered());
        assertEquals(2, again.get(0).getIntProperty("JMSXDeliveryCount"));
    }

    @Test
    void aTransactionWithOnlyRowmqCommitsInOnePhase() throws Exception {
        coordinator.inTransaction(tx -> tx.jms("rowmq").createProducer()
                .send(tx.jms("rowmq").createQueue("order.audit"), "audited"));
        assertEquals(List.of("audited"), bodies(MessageDatabase.drain(rowmq, "order.audit", QUIET)));
        assertEquals(0, messages.preparedBranches());
    }

    private static List<String> bodies(List<Message> messages) throws Exception {
        List<String> result = new java.util.ArrayList<>();
        for (Message m : messages) result.add(m.getBody(String.class));
        return result;
    }
}
