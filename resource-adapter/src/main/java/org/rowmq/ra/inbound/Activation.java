package org.rowmq.ra.inbound;

import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.XAConnection;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.rowmq.client.RowXAConnectionFactory;
import jakarta.jms.InvalidDestinationException;
import org.rowmq.message.RowQueue;
import org.rowmq.message.RowTopic;
import org.rowmq.ra.RowResourceAdapter;
import org.rowmq.ra.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * One message-driven bean's activation: a RowMQ connection and up to maxSession {@link DeliveryWorker}s, each with a
 * session and consumer of its own, so that messages are delivered to that many bean instances in parallel. A topic
 * subscription that is not shared has one consumer (more would each get every message). The sessions of a transacted
 * bean are XA sessions, or, when the settings name a datasource (dataSourceJndiName), sessions on that datasource's
 * connection of the current transaction.
 */
public final class Activation {
    private static final Logger log = LoggerFactory.getLogger(Activation.class);
    static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = MessageListener.class.getMethod("onMessage", jakarta.jms.Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RowResourceAdapter ra;
    private final MessageEndpointFactory endpointFactory;
    private final RowActivationSpec spec;
    private final List<DeliveryWorker> workers = new ArrayList<>();
    private Connection connection;

    public Activation(RowResourceAdapter ra, MessageEndpointFactory endpointFactory, RowActivationSpec spec) {
        this.ra = ra;
        this.endpointFactory = endpointFactory;
        this.spec = spec;
    }

    public void start() throws ResourceException {
        Settings overrides = spec.overrides();
        RowXAConnectionFactory factory = ra.factory(overrides);
        String dataSourceName = overrides.over(ra.settings()).dataSourceJndiName();
        Destination destination = destination();
        boolean transacted;
        try {
            transacted = endpointFactory.isDeliveryTransacted(ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new InvalidPropertyException("RowMQ delivers jakarta.jms.MessageListener.onMessage; the endpoint has "
                    + "no such method");
        }
        boolean topic = destination instanceof Topic && !(destination instanceof Queue);
        int sessions = topic && !spec.isShareSubscriptions() ? 1 : spec.getMaxSession();
        // Datasource-transaction mode: the acknowledgement is a statement on the datasource's connection, which the
        // container's transaction (begun in beforeDelivery) has enlisted; RowMQ is no participant of its own.
        boolean onDataSource = transacted && dataSourceName != null;
        try {
            String user = spec.getUser(), password = spec.getPassword(); // null: the factory's default credentials
            connection = onDataSource ? factory.boundTo(dataSource(dataSourceName)).createConnection(user, password)
                    : transacted ? factory.createXAConnection(user, password) : factory.createConnection(user, password);
            if (spec.getClientId() != null && !spec.getClientId().isBlank()) connection.setClientID(spec.getClientId());
            for (int i = 0; i < sessions; i++) {
                Session session = transacted && !onDataSource ? ((XAConnection) connection).createXASession()
                        : connection.createSession(true, Session.SESSION_TRANSACTED);
                workers.add(new DeliveryWorker(endpointFactory, spec, destination, session, transacted));
            }
            connection.start();
        } catch (JMSException e) {
            throw new ResourceException("RowMQ could not open the activation's consumers on " + destination + ": "
                    + e.getMessage(), e);
        }
        String name = endpointFactory.getActivationName();
        for (int i = 0; i < workers.size(); i++) workers.get(i).start("RowMQ " + name + " #" + (i + 1));
        log.info("RowMQ activated {} on {} with {} session(s), {} delivery", name, destination, workers.size(),
                onDataSource ? "in the transaction of " + dataSourceName : transacted ? "transacted (XA)"
                        : "locally transacted");
    }

    private static DataSource dataSource(String name) throws ResourceException {
        Object found = RowActivationSpec.lookup(name, "dataSourceJndiName");
        if (!(found instanceof DataSource ds))
            throw new InvalidPropertyException("RowMQ: dataSourceJndiName " + name + " is a " + found.getClass().getName()
                    + ", not a javax.sql.DataSource");
        return ds;
    }

    private Destination destination() throws ResourceException {
        String lookup = spec.getDestinationLookup();
        if (lookup != null && !lookup.isBlank()) {
            Object found = RowActivationSpec.lookup(lookup, "destinationLookup");
            if (!(found instanceof Destination d))
                throw new InvalidPropertyException("RowMQ activation: destinationLookup " + lookup + " is a "
                        + found.getClass().getName() + ", not a jakarta.jms.Destination");
            return d;
        }
        try {
            return RowActivationSpec.TOPIC.equals(spec.destinationType())
                    ? new RowTopic(spec.getDestination()) : new RowQueue(spec.getDestination());
        } catch (InvalidDestinationException e) {
            throw new InvalidPropertyException("RowMQ activation: destination " + e.getMessage(), e);
        }
    }

    /** Stops delivery: each worker finishes its current message (its transaction completes), then closes. */
    public void stop() {
        workers.forEach(DeliveryWorker::requestStop);
        workers.forEach(DeliveryWorker::awaitStopped);
        workers.clear();
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                log.warn("RowMQ could not close the activation's connection: {}", e.getMessage());
            }
        }
    }
}
