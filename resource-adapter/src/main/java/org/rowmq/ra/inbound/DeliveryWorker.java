package org.rowmq.ra.inbound;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.XASession;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers messages from one consumer to endpoint instances, one at a time.
 *
 * <p>Transacted endpoints (container-managed transactions): the endpoint is created with the session's XAResource and
 * each delivery is beforeDelivery, receive, onMessage, afterDelivery. The server starts its transaction and enlists the
 * XAResource in beforeDelivery, so the receive is part of the transaction: the message is consumed if and only if the
 * transaction commits, and a rolled-back delivery comes back with its delivery count raised (and goes to the
 * destination's dead-letter queue after its maximum deliveries). Other endpoints: the session's own transaction, committed
 * after onMessage returns and rolled back when it throws.
 */
final class DeliveryWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final MessageEndpointFactory endpointFactory;
    private final RowActivationSpec spec;
    private final Destination destination;
    private final Session session;
    private final boolean transacted;
    private volatile boolean running = true;
    private Thread thread;

    DeliveryWorker(MessageEndpointFactory endpointFactory, RowActivationSpec spec, Destination destination,
                   Session session, boolean transacted) {
        this.endpointFactory = endpointFactory;
        this.spec = spec;
        this.destination = destination;
        this.session = session;
        this.transacted = transacted;
    }

    void start(String name) {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.setContextClassLoader(DeliveryWorker.class.getClassLoader());
        thread.start();
    }

    void requestStop() {
        running = false;
    }

    void awaitStopped() {
        if (thread == null) return;
        try {
            thread.join(spec.getReceiveTimeoutMillis() + 30_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        MessageEndpoint endpoint = null;
        try (MessageConsumer consumer = consumer()) {
            // With an XA session the server enlists its XAResource in each delivery's transaction; a session on the
            // datasource's connection needs no resource of its own.
            endpoint = endpointFactory.createEndpoint(transacted && session instanceof XASession xa ? xa.getXAResource() : null);
            while (running) {
                try {
                    if (transacted) deliverInTransaction(endpoint, consumer);
                    else deliverLocally(endpoint, consumer);
                } catch (JMSException e) {
                    // The store failed (database unreachable, say): the message, if any, is redelivered. Wait a
                    // poll's time before the next attempt rather than spinning.
                    log.warn("RowMQ could not deliver from {}: {}", destination, e.getMessage());
                    pause();
                } catch (Exception e) {
                    // The delivery rolled back (the bean threw or marked its transaction): the message comes back
                    // with its delivery count raised. Keep serving the queue.
                    log.debug("RowMQ delivery on {} ended without commit: {}", destination, e.toString());
                } catch (Error e) {
                    // A bean's Error (an assertion, a missing class) rolls its delivery back like an exception does;
                    // letting it end this thread would silently stop one of the endpoint's sessions for good.
                    log.warn("RowMQ delivery on {} ended with {}; the message will be delivered again", destination,
                            e.toString(), e);
                }
            }
        } catch (Exception | Error e) {
            if (running) log.error("RowMQ stopped delivering {} to {}: {}", destination,
                    endpointFactory.getActivationName(), e.toString(), e);
        } finally {
            if (endpoint != null) endpoint.release();
            try {
                session.close();
            } catch (JMSException e) {
                log.debug("RowMQ could not close a delivery session: {}", e.getMessage());
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(spec.getReceiveTimeoutMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void deliverInTransaction(MessageEndpoint endpoint, MessageConsumer consumer) throws Exception {
        endpoint.beforeDelivery(Activation.ON_MESSAGE);
        try {
            Message m = consumer.receive(spec.getReceiveTimeoutMillis());
            if (m != null) ((MessageListener) endpoint).onMessage(m);
        } finally {
            endpoint.afterDelivery();
        }
    }

    private void deliverLocally(MessageEndpoint endpoint, MessageConsumer consumer) throws JMSException {
        Message m = consumer.receive(spec.getReceiveTimeoutMillis());
        if (m == null) return;
        try {
            ((MessageListener) endpoint).onMessage(m);
        } catch (RuntimeException | Error e) {
            session.rollback();
            throw e;
        }
        session.commit();
    }

    private MessageConsumer consumer() throws JMSException {
        String selector = spec.getMessageSelector();
        if (!(destination instanceof Topic topic) || destination instanceof jakarta.jms.Queue)
            return session.createConsumer(destination, selector);
        String name = spec.getSubscriptionName();
        if (spec.isDurable())
            return spec.isShareSubscriptions() ? session.createSharedDurableConsumer(topic, name, selector)
                    : session.createDurableConsumer(topic, name, selector, false);
        return spec.isShareSubscriptions() ? session.createSharedConsumer(topic, name, selector)
                : session.createConsumer(topic, selector);
    }
}
