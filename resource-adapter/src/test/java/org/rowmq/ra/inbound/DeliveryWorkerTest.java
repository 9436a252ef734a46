package org.rowmq.ra.inbound;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.junit.jupiter.api.Test;
import org.rowmq.client.RowConnectionFactory;

import javax.transaction.xa.XAResource;
import java.lang.reflect.Method;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The delivery loop outside a transaction, on H2, with an endpoint that is not an EJB container's proxy. */
class DeliveryWorkerTest {

    /** An endpoint that records each delivery and throws an AssertionError on the first delivery of "boom". */
    static final class RecordingEndpoint implements MessageEndpoint, MessageListener {
        final BlockingQueue<String> deliveries = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(Message m) {
            try {
                String delivery = m.getBody(String.class) + "#" + m.getIntProperty("JMSXDeliveryCount");
                deliveries.add(delivery);
                if (delivery.equals("boom#1")) throw new AssertionError("the bean's own assertion failed");
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void beforeDelivery(Method method) {
        }

        @Override
        public void afterDelivery() {
        }

        @Override
        public void release() {
        }
    }

    @Test
    void anErrorFromTheEndpointRollsTheDeliveryBackAndTheSessionKeepsDelivering() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint();
        RowActivationSpec spec = new RowActivationSpec();
        spec.setDestinationType(RowActivationSpec.QUEUE);
        spec.setDestination("worker.errors");
        spec.setReceiveTimeoutMillis(200);
        try (RowConnectionFactory factory = new RowConnectionFactory("jdbc:h2:mem:worker-" + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1");
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            Queue queue = session.createQueue("worker.errors");
            DeliveryWorker worker = new DeliveryWorker(factory(endpoint), spec, queue, session, false);
            worker.start("worker-under-test");
            connection.start();
            try (Session sender = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
                sender.createProducer(queue).send(sender.createTextMessage("boom"));
                sender.createProducer(queue).send(sender.createTextMessage("next"));
            }
            List<String> got = List.of(take(endpoint), take(endpoint), take(endpoint));
            assertEquals(List.of("boom#1", "boom#2", "next#1"), got,
                    "the failed delivery came back and the same session went on to the next message");
            assertNull(endpoint.deliveries.poll(1, TimeUnit.SECONDS), "nothing delivered again");
            worker.requestStop();
            worker.awaitStopped();
        }
    }

    private static String take(RecordingEndpoint endpoint) throws InterruptedException {
        String delivery = endpoint.deliveries.poll(30, TimeUnit.SECONDS);
        return delivery == null ? "(nothing within 30 s)" : delivery;
    }

    private static MessageEndpointFactory factory(RecordingEndpoint endpoint) {
        return new MessageEndpointFactory() {
            @Override
            public MessageEndpoint createEndpoint(XAResource xaResource) {
                return endpoint;
            }

            @Override
            public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
                return endpoint;
            }

            @Override
            public boolean isDeliveryTransacted(Method method) {
                return false;
            }

            @Override
            public String getActivationName() {
                return "DeliveryWorkerTest";
            }

            @Override
            public Class<?> getEndpointClass() {
                return RecordingEndpoint.class;
            }
        };
    }
}
