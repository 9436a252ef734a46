package org.rowmq.client;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import org.junit.jupiter.api.Test;
import org.rowmq.testsupport.TestDatabase;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Rules of the JMS 1.1 domains, credentials, and what a CompletionListener may call. */
class SessionRulesTest {

    private static RowConnectionFactory factory() {
        return new RowConnectionFactory(TestDatabase.h2(SessionRulesTest.class).config());
    }

    @Test
    void queueSessionsRefuseTopicMethodsAndTopicSessionsQueueMethods() throws Exception {
        try (RowConnectionFactory cf = factory(); QueueConnection qc = cf.createQueueConnection();
             TopicConnection tc = cf.createTopicConnection()) {
            QueueSession qs = qc.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
            TopicSession ts = tc.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
            var topic = ts.createTopic(TestDatabase.unique("domain"));
            var queue = qs.createQueue(TestDatabase.unique("domain"));
            assertThrows(IllegalStateException.class, () -> qs.createTopic("t"));
            assertThrows(IllegalStateException.class, qs::createTemporaryTopic);
            assertThrows(IllegalStateException.class, () -> qs.createDurableSubscriber(topic, "s"));
            assertThrows(IllegalStateException.class, () -> qs.unsubscribe("s"));
            assertThrows(IllegalStateException.class, () -> qs.createDurableConsumer(topic, "s"));
            assertThrows(IllegalStateException.class, () -> qs.createSharedConsumer(topic, "s"));
            assertThrows(IllegalStateException.class, () -> qs.createSharedDurableConsumer(topic, "s"));
            assertThrows(IllegalStateException.class, () -> ts.createQueue("q"));
            assertThrows(IllegalStateException.class, ts::createTemporaryQueue);
            assertThrows(IllegalStateException.class, () -> ts.createBrowser(queue));
            Session plain = qc.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertNotNull(plain.createTopic("allowed"), "a plain Session has both domains");
        }
    }

    @Test
    void aCompletionListenerMayStopButNotCommitCloseItsProducerOrItsContext() throws Exception {
        try (RowConnectionFactory cf = factory(); Connection c = cf.createConnection()) {
            Session tx = c.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer p = tx.createProducer(tx.createQueue(TestDatabase.unique("completion")));
            CompletableFuture<Throwable[]> outcome = new CompletableFuture<>();
            p.send(tx.createTextMessage("x"), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    Throwable[] seen = new Throwable[3];
                    try { tx.commit(); } catch (Throwable t) { seen[0] = t; }
                    try { p.close(); } catch (Throwable t) { seen[1] = t; }
                    try { c.stop(); } catch (Throwable t) { seen[2] = t; }
                    outcome.complete(seen);
                }

                @Override
                public void onException(Message message, Exception exception) {
                    outcome.completeExceptionally(exception);
                }
            });
            Throwable[] seen = outcome.get(10, TimeUnit.SECONDS);
            assertInstanceOf(IllegalStateException.class, seen[0], "commit from a CompletionListener");
            assertInstanceOf(IllegalStateException.class, seen[1], "closing the producer from its CompletionListener");
            assertEquals(null, seen[2], "stop from a CompletionListener is allowed");
        }
        try (RowConnectionFactory cf = factory(); JMSContext ctx = cf.createContext()) {
            CompletableFuture<Throwable> closing = new CompletableFuture<>();
            ctx.createProducer().setAsync(new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    try {
                        ctx.close();
                        closing.complete(null);
                    } catch (Throwable t) {
                        closing.complete(t);
                    }
                }

                @Override
                public void onException(Message message, Exception exception) {
                    closing.completeExceptionally(exception);
                }
            }).send(ctx.createQueue(TestDatabase.unique("completion")), "y");
            assertInstanceOf(jakarta.jms.IllegalStateRuntimeException.class, closing.get(10, TimeUnit.SECONDS));
        }
    }
}
