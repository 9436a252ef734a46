package org.rowmq.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.ra.inbound.Activation;
import org.rowmq.ra.inbound.RowActivationSpec;
import org.rowmq.ra.outbound.TransactionProbe;
import org.rowmq.xa.RowXAResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.transaction.xa.XAResource;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * RowMQ's resource adapter: its configuration properties are the defaults of every connection definition and
 * activation; it runs the message-driven beans' activations and gives the server's recovery an XAResource per store.
 */
public class RowResourceAdapter extends Configurable implements ResourceAdapter {
    private static final Logger log = LoggerFactory.getLogger(RowResourceAdapter.class);

    private final Factories factories = new Factories();
    private final Map<ActivationKey, Activation> activations = new LinkedHashMap<>();

    /** An activation is identified by the pair the server passes to both endpointActivation and endpointDeactivation. */
    private record ActivationKey(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
    }

    private volatile TransactionProbe transactions = new TransactionProbe(null);

    /** Whether the calling thread is in a JTA transaction (the datasource-transaction mode asks). */
    public TransactionProbe transactions() {
        return transactions;
    }

    @Override
    public void start(BootstrapContext context) {
        transactions = new TransactionProbe(context.getTransactionSynchronizationRegistry());
        log.info("RowMQ resource adapter started with {}", settings());
    }

    @Override
    public void stop() {
        synchronized (activations) {
            activations.values().forEach(Activation::stop);
            activations.clear();
        }
        factories.closeAll();
    }

    /** The provider factory for settings that override this adapter's. */
    public RowXAConnectionFactory factory(Settings overrides) {
        return factories.get(overrides.over(settings()));
    }

    @Override
    public void endpointActivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) throws ResourceException {
        if (!(spec instanceof RowActivationSpec rowSpec))
            throw new jakarta.resource.NotSupportedException("RowMQ activates RowActivationSpec, not "
                    + spec.getClass().getName());
        rowSpec.validate();
        Activation activation = new Activation(this, endpointFactory, rowSpec);
        try {
            activation.start();
        } catch (RuntimeException e) {
            activation.stop();
            throw new ResourceAdapterInternalException("RowMQ could not activate " + endpointFactory.getActivationName()
                    + ": " + e.getMessage(), e);
        }
        synchronized (activations) {
            activations.put(new ActivationKey(endpointFactory, spec), activation);
        }
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory endpointFactory, ActivationSpec spec) {
        Activation activation;
        synchronized (activations) {
            activation = activations.remove(new ActivationKey(endpointFactory, spec));
        }
        if (activation != null) activation.stop();
    }

    /**
     * One XAResource per store the specs use: RowMQ's recover lists every prepared branch of its database, whichever
     * session or server prepared it, so one resource per store is enough for the server's recovery.
     */
    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) throws ResourceException {
        Set<RowXAConnectionFactory> stores = new LinkedHashSet<>();
        for (ActivationSpec spec : specs)
            if (spec instanceof RowActivationSpec rowSpec) stores.add(rowSpec.factory(this));
        try {
            XAResource[] resources = new XAResource[stores.size()];
            int i = 0;
            for (RowXAConnectionFactory f : stores) resources[i++] = new RowXAResource(f.store());
            return resources;
        } catch (jakarta.jms.JMSException e) {
            throw new ResourceAdapterInternalException("RowMQ could not open its store for recovery: " + e.getMessage(), e);
        }
    }

    // A resource adapter is a JavaBean whose identity is its instance (the Connectors specification asks for equals
    // and hashCode to be overridden; the server keeps one instance per deployment).
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
