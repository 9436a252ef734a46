package org.rowmq.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.testsupport.TestDatabase;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Point-to-point messaging through the classic API on every database. */
class QueueMessagingTest {
    static final long WAIT = 10_000;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void allFiveMessageTypesRoundTripWithProviderHeaders(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("types"));
            MessageProducer p = s.createProducer(q);
            TextMessage text = s.createTextMessage("hello");
            text.setStringProperty("kind", "text");
            text.setJMSCorrelationID("corr-1");
            text.setJMSType("greeting");
            p.send(text);
            BytesMessage bytes = s.createBytesMessage();
            bytes.writeBytes(new byte[]{1, 2, 3});
            bytes.writeInt(42);
            p.send(bytes);
            MapMessage map = s.createMapMessage();
            map.setString("name", "widget");
            map.setInt("count", 7);
            p.send(map);
            StreamMessage stream = s.createStreamMessage();
            stream.writeString("a");
            stream.writeLong(5L);
            p.send(stream);
            ObjectMessage object = s.createObjectMessage(new ArrayList<>(List.of("x", "y")));
            p.send(object);
            assertNotNull(text.getJMSMessageID(), "send sets JMSMessageID on the application's message");
            assertTrue(text.getJMSTimestamp() > 0);
            assertEquals(q, text.getJMSDestination());

            c.start();
            MessageConsumer consumer = s.createConsumer(q);
            TextMessage t = (TextMessage) consumer.receive(WAIT);
            assertEquals("hello", t.getText());
            assertEquals("text", t.getStringProperty("kind"));
            assertEquals("corr-1", t.getJMSCorrelationID());
            assertEquals("greeting", t.getJMSType());
            assertEquals(text.getJMSMessageID(), t.getJMSMessageID());
            assertEquals(DeliveryMode.PERSISTENT, t.getJMSDeliveryMode());
            assertFalse(t.getJMSRedelivered());
            assertEquals(1, t.getIntProperty("JMSXDeliveryCount"));
            BytesMessage b = (BytesMessage) consumer.receive(WAIT);
            byte[] three = new byte[3];
            assertEquals(3, b.readBytes(three));
            assertArrayEquals(new byte[]{1, 2, 3}, three);
            assertEquals(42, b.readInt());
            MapMessage m = (MapMessage) consumer.receive(WAIT);
            assertEquals("widget", m.getString("name"));
            assertEquals(7, m.getInt("count"));
            StreamMessage st = (StreamMessage) consumer.receive(WAIT);
            assertEquals("a", st.readString());
            assertEquals(5L, st.readLong());
            ObjectMessage o = (ObjectMessage) consumer.receive(WAIT);
            assertEquals(List.of("x", "y"), o.getObject());
            assertNull(consumer.receiveNoWait());
            assertEquals(0, cf.store().depth(q.getQueueName()), "AUTO_ACKNOWLEDGE removed every received message");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void higherPriorityFirstAndFifoWithinAPriority(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("prio"));
            MessageProducer p = s.createProducer(q);
            int[] priorities = {4, 0, 9, 4, 7, 0, 9};
            for (int i = 0; i < priorities.length; i++) {
                p.send(s.createTextMessage(priorities[i] + ":" + i), DeliveryMode.PERSISTENT, priorities[i], 0);
            }
            c.start();
            MessageConsumer consumer = s.createConsumer(q);
            List<String> got = new ArrayList<>();
            for (int i = 0; i < priorities.length; i++) got.add(((TextMessage) consumer.receive(WAIT)).getText());
            assertEquals(List.of("9:2", "9:6", "7:4", "4:0", "4:3", "0:1", "0:5"), got);
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void selectorConsumerGetsOnlyMatchingMessagesAndLeavesTheRest(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("sel"));
            MessageProducer p = s.createProducer(q);
            for (int i = 0; i < 30; i++) {
                TextMessage m = s.createTextMessage("m" + i);
                m.setIntProperty("n", i);
                m.setStringProperty("colour", i % 3 == 0 ? "red" : "blue");
                p.send(m);
            }
            c.start();
            MessageConsumer red = s.createConsumer(q, "colour = 'red' AND n >= 12");
            List<String> got = new ArrayList<>();
            for (Message m; (m = red.receive(500)) != null; ) got.add(((TextMessage) m).getText());
            assertEquals(List.of("m12", "m15", "m18", "m21", "m24", "m27"), got);
            red.close();
            QueueBrowser browser = s.createBrowser(q, "colour = 'red'");
            assertEquals(4, Collections.list(browser.getEnumeration()).size(), "m0, m3, m6, m9 are still there");
            assertEquals(24, Collections.list(s.createBrowser(q).getEnumeration()).size());
            assertEquals(24, cf.store().depth(q.getQueueName()));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void expiredMessagesAreNeverDeliveredAndDelayedOnesWait(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("ttl"));
            MessageProducer p = s.createProducer(q);
            p.send(s.createTextMessage("short-lived"), DeliveryMode.PERSISTENT, 4, 50);
            p.setDeliveryDelay(1500);
            p.send(s.createTextMessage("delayed"));
            p.setDeliveryDelay(0);
            p.send(s.createTextMessage("plain"));
            Thread.sleep(200); // past the first message's time to live
            c.start();
            MessageConsumer consumer = s.createConsumer(q);
            TextMessage first = (TextMessage) consumer.receive(WAIT);
            assertEquals("plain", first.getText(), "the expired one is skipped, the delayed one is not visible yet");
            TextMessage delayed = (TextMessage) consumer.receive(WAIT);
            assertEquals("delayed", delayed.getText());
            assertTrue(System.currentTimeMillis() >= delayed.getJMSDeliveryTime(),
                    "not delivered before its delivery time");
            assertNull(consumer.receive(300), "the expired message never comes");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void listenerReceivesAsynchronouslyAndStoppedConnectionDeliversNothing(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); Connection c = cf.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue q = s.createQueue(TestDatabase.unique("listener"));
            MessageProducer p = s.createProducer(q);
            List<String> got = new CopyOnWriteArrayList<>();
            CountDownLatch five = new CountDownLatch(5);
            s.createConsumer(q).setMessageListener(m -> {
                try {
                    got.add(((TextMessage) m).getText());
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                five.countDown();
            });
            for (int i = 0; i < 5; i++) p.send(s.createTextMessage("m" + i));
            Thread.sleep(300);
            assertTrue(got.isEmpty(), "nothing is delivered before start()");
            c.start();
            assertTrue(five.await(WAIT, TimeUnit.MILLISECONDS), "five messages arrive at the listener");
            assertEquals(List.of("m0", "m1", "m2", "m3", "m4"), got);
            c.stop();
            p.send(s.createTextMessage("after stop"));
            Thread.sleep(300);
            assertEquals(5, got.size(), "a stopped connection delivers nothing");
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void completionListenerIsToldWhenTheSendIsDurable(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); JMSContext ctx = cf.createContext()) {
            Queue q = ctx.createQueue(TestDatabase.unique("async"));
            CountDownLatch done = new CountDownLatch(3);
            List<Message> completed = new CopyOnWriteArrayList<>();
            jakarta.jms.CompletionListener listener = new jakarta.jms.CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    completed.add(message);
                    done.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    done.countDown();
                }
            };
            for (int i = 0; i < 3; i++) ctx.createProducer().setAsync(listener).send(q, "a" + i);
            assertTrue(done.await(WAIT, TimeUnit.MILLISECONDS));
            assertEquals(3, completed.size(), "all three completed without exception");
            assertEquals(3, cf.store().depth(q.getQueueName()), "and all three are stored");
            assertEquals("a0", ctx.createConsumer(q).receiveBody(String.class, WAIT));
        }
    }
}
