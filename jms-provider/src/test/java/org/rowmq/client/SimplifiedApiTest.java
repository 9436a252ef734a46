package org.rowmq.client;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.InvalidSelectorRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JMSContext, JMSProducer and JMSConsumer for queues. */
class SimplifiedApiTest {
    static final long WAIT = 10_000;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void producerOptionsAndPropertiesApplyToEveryMessageAndBodiesComeBack(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); JMSContext ctx = cf.createContext()) {
            Queue q = ctx.createQueue(TestDatabase.unique("simple"));
            JMSProducer p = ctx.createProducer().setProperty("region", "eu").setProperty("weight", 12)
                    .setJMSCorrelationID("c-9").setJMSType("order").setPriority(7);
            p.send(q, "text body");
            p.send(q, Map.of("k", "v"));
            p.send(q, new byte[]{9, 8});
            p.send(q, 42L);
            JMSConsumer consumer = ctx.createConsumer(q);
            Message first = consumer.receive(WAIT);
            assertEquals("eu", first.getStringProperty("region"));
            assertEquals(12, first.getIntProperty("weight"));
            assertEquals("c-9", first.getJMSCorrelationID());
            assertEquals("order", first.getJMSType());
            assertEquals(7, first.getJMSPriority());
            assertEquals("text body", first.getBody(String.class));
            assertEquals(Map.of("k", "v"), consumer.receiveBody(Map.class, WAIT));
            assertArrayEquals(new byte[]{9, 8}, consumer.receiveBody(byte[].class, WAIT));
            assertEquals(42L, consumer.receiveBody(Long.class, WAIT));
            assertNull(consumer.receiveBodyNoWait(String.class));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void receiveBodyOfTheWrongTypeLeavesTheMessageForTheNextReceive(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); JMSContext ctx = cf.createContext()) {
            Queue q = ctx.createQueue(TestDatabase.unique("body"));
            ctx.createProducer().send(q, "just text");
            JMSConsumer consumer = ctx.createConsumer(q);
            assertThrows(MessageFormatRuntimeException.class, () -> consumer.receiveBody(Map.class, WAIT));
            assertEquals("just text", consumer.receiveBody(String.class, WAIT));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void transactedContextCommitsAndRollsBack(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             JMSContext tx = cf.createContext(JMSContext.SESSION_TRANSACTED)) {
            Queue q = tx.createQueue(TestDatabase.unique("ctxtx"));
            tx.createProducer().send(q, "rolled back");
            tx.rollback();
            tx.createProducer().send(q, "committed");
            tx.commit();
            JMSConsumer consumer = tx.createConsumer(q);
            assertEquals("committed", consumer.receiveBody(String.class, WAIT));
            tx.rollback();
            TextMessage again = (TextMessage) consumer.receive(WAIT);
            assertEquals("committed", again.getText());
            assertTrue(again.getJMSRedelivered());
            tx.commit();
            assertNull(consumer.receiveNoWait());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void clientAcknowledgeContextAndSharedConnection(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             JMSContext ctx = cf.createContext(JMSContext.CLIENT_ACKNOWLEDGE)) {
            Queue q = ctx.createQueue(TestDatabase.unique("ctxack"));
            JMSContext second = ctx.createContext(JMSContext.AUTO_ACKNOWLEDGE);
            second.createProducer().send(q, "one").send(q, "two");
            second.close();
            JMSConsumer consumer = ctx.createConsumer(q);
            assertEquals("one", consumer.receiveBody(String.class, WAIT));
            assertEquals("two", consumer.receiveBody(String.class, WAIT));
            ctx.acknowledge();
            assertEquals(0, cf.store().depth(q.getQueueName()), "the shared connection stayed open after the second context closed");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void listenerOnAContextAndItsMisuse(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config())) {
            JMSContext ctx = cf.createContext();
            Queue q = ctx.createQueue(TestDatabase.unique("ctxlistener"));
            CountDownLatch got = new CountDownLatch(1);
            Throwable[] closeFromListener = new Throwable[1];
            ctx.createConsumer(q).setMessageListener(m -> {
                try {
                    ctx.close();
                } catch (Throwable t) {
                    closeFromListener[0] = t;
                }
                got.countDown();
            });
            ctx.createProducer().send(q, "ping");
            assertTrue(got.await(WAIT, TimeUnit.MILLISECONDS));
            assertTrue(closeFromListener[0] instanceof IllegalStateRuntimeException,
                    "closing the context from its own listener is refused: " + closeFromListener[0]);
            assertThrows(InvalidDestinationRuntimeException.class, () -> ctx.createProducer().send(null, "x"));
            assertThrows(InvalidSelectorRuntimeException.class, () -> ctx.createConsumer(q, "a ="));
            ctx.close();
            assertThrows(IllegalStateRuntimeException.class, ctx::createTextMessage);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aClosedContextRefusesToCreateAProducerAndAProducerRefusesUndefinedJmsxNames(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config())) {
            JMSContext ctx = cf.createContext();
            assertThrows(IllegalArgumentException.class, () -> ctx.createProducer().setProperty("JMSXfoo", "v"));
            ctx.createProducer().setProperty("JMSXGroupID", "g");
            ctx.close();
            assertThrows(IllegalStateRuntimeException.class, ctx::createProducer);
        }
    }

    /** Every JMSProducer of a context sends through the one anonymous producer of the context's session. */
    @ParameterizedTest
    @MethodSource("databases")
    void jmsProducersShareOneSessionProducer(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config());
             RowJMSContext ctx = (RowJMSContext) cf.createContext()) {
            Queue q = ctx.createQueue(TestDatabase.unique("shared"));
            JMSProducer fast = ctx.createProducer().setDeliveryDelay(0).setDisableMessageTimestamp(true);
            JMSProducer other = ctx.createProducer().setJMSType("second");
            CountDownLatch async = new CountDownLatch(1);
            fast.send(q, "one");
            other.send(q, "two");
            ctx.createProducer().setAsync(new jakarta.jms.CompletionListener() {
                public void onCompletion(Message message) {
                    async.countDown();
                }

                public void onException(Message message, Exception exception) {
                }
            }).send(q, "three");
            assertTrue(async.await(WAIT, TimeUnit.MILLISECONDS));
            assertEquals(1, ctx.session().producerCount());
            JMSConsumer consumer = ctx.createConsumer(q);
            Message one = consumer.receive(WAIT);
            assertEquals("one", one.getBody(String.class));
            assertEquals(0, one.getJMSTimestamp());
            Message two = consumer.receive(WAIT);
            assertEquals("second", two.getJMSType());
            assertTrue(two.getJMSTimestamp() > 0);
            assertEquals("three", consumer.receiveBody(String.class, WAIT));
        }
    }
}
