package org.rowmq.ra.inbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterInternalException;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.ra.RowResourceAdapter;
import org.rowmq.ra.Settings;
import org.rowmq.ra.outbound.RowConnectionFactoryHandle;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * A message-driven bean's activation: the activation configuration properties of Jakarta Messaging 3.1 (section 13.1)
 * plus {@code destination} (a physical name, instead of {@code destinationLookup}), {@code maxSession}, the number of
 * messages delivered in parallel, and {@code user}/{@code password}, the RowMQ user the activation's consumers
 * authenticate as (else the factory's default credentials, else the anonymous roles of the security file).
 */
public class RowActivationSpec implements ActivationSpec {
    public static final String QUEUE = "jakarta.jms.Queue";
    public static final String TOPIC = "jakarta.jms.Topic";

    private RowResourceAdapter resourceAdapter;
    private String destinationLookup;
    private String connectionFactoryLookup;
    private String destinationType;
    private String destination;
    private String messageSelector;
    private String acknowledgeMode = "Auto-acknowledge";
    private String subscriptionDurability = "NonDurable";
    private String clientId;
    private String subscriptionName;
    private boolean shareSubscriptions;
    private int maxSession = 5;
    private int receiveTimeoutMillis = 1000;
    private String user;
    private String password;

    /** Checks the combination, with messages that say which property to change. */
    @Override
    public void validate() throws InvalidPropertyException {
        if (isBlank(destinationLookup) && isBlank(destination))
            throw new InvalidPropertyException("RowMQ activation: set destinationLookup (a JNDI name) or destination "
                    + "(the physical queue or topic name)");
        if (destinationType != null && !QUEUE.equals(destinationType) && !TOPIC.equals(destinationType))
            throw new InvalidPropertyException("RowMQ activation: destinationType is jakarta.jms.Queue or "
                    + "jakarta.jms.Topic, not " + destinationType);
        if (isBlank(destinationLookup) && destinationType == null)
            throw new InvalidPropertyException("RowMQ activation: with destination (a physical name) set destinationType "
                    + "too (jakarta.jms.Queue or jakarta.jms.Topic)");
        if (!"Auto-acknowledge".equals(acknowledgeMode) && !"Dups-ok-acknowledge".equals(acknowledgeMode))
            throw new InvalidPropertyException("RowMQ activation: acknowledgeMode is Auto-acknowledge or "
                    + "Dups-ok-acknowledge, not " + acknowledgeMode);
        if (!"Durable".equals(subscriptionDurability) && !"NonDurable".equals(subscriptionDurability))
            throw new InvalidPropertyException("RowMQ activation: subscriptionDurability is Durable or NonDurable, not "
                    + subscriptionDurability);
        if (isDurable() && isBlank(subscriptionName))
            throw new InvalidPropertyException("RowMQ activation: a durable subscription needs subscriptionName");
        if (isDurable() && !shareSubscriptions && isBlank(clientId))
            throw new InvalidPropertyException("RowMQ activation: an unshared durable subscription needs clientId "
                    + "(or set shareSubscriptions=true)");
        if (shareSubscriptions && isBlank(subscriptionName))
            throw new InvalidPropertyException("RowMQ activation: a shared subscription (shareSubscriptions=true) needs "
                    + "subscriptionName");
        if (maxSession < 1)
            throw new InvalidPropertyException("RowMQ activation: maxSession must be at least 1, was " + maxSession);
        if (receiveTimeoutMillis < 1)
            throw new InvalidPropertyException("RowMQ activation: receiveTimeoutMillis must be at least 1, was "
                    + receiveTimeoutMillis);
    }

    boolean isDurable() {
        return "Durable".equals(subscriptionDurability);
    }

    /** The provider factory: the looked-up RowMQ connection factory's store, or the resource adapter's. */
    public RowXAConnectionFactory factory(RowResourceAdapter ra) throws ResourceException {
        return ra.factory(overrides());
    }

    /** What the looked-up connection definition sets over the resource adapter's settings (nothing without a lookup). */
    Settings overrides() throws ResourceException {
        if (isBlank(connectionFactoryLookup)) return Settings.NONE;
        Object found = lookup(connectionFactoryLookup, "connectionFactoryLookup");
        if (!(found instanceof RowConnectionFactoryHandle cf))
            throw new InvalidPropertyException("RowMQ activation: connectionFactoryLookup " + connectionFactoryLookup
                    + " is a " + found.getClass().getName() + ", not a RowMQ connection factory of this adapter");
        return cf.managedConnectionFactory().settings();
    }

    static Object lookup(String name, String property) throws ResourceException {
        try {
            Object found = new InitialContext().lookup(name);
            if (found == null) throw new InvalidPropertyException("RowMQ activation: " + property + " " + name
                    + " is bound to null");
            return found;
        } catch (NamingException e) {
            throw new InvalidPropertyException("RowMQ activation: " + property + " " + name + " is not bound: "
                    + e.getMessage(), e);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof RowResourceAdapter row))
            throw new ResourceAdapterInternalException("RowMQ's activation spec belongs to RowResourceAdapter, not " + ra);
        this.resourceAdapter = row;
    }

    public String getUser() { return user; }

    public void setUser(String user) { this.user = isBlank(user) ? null : user; }

    public String getPassword() { return password; }

    public void setPassword(String password) { this.password = password; }

    public String getDestinationLookup() { return destinationLookup; }

    public void setDestinationLookup(String destinationLookup) { this.destinationLookup = destinationLookup; }

    public String getConnectionFactoryLookup() { return connectionFactoryLookup; }

    public void setConnectionFactoryLookup(String connectionFactoryLookup) { this.connectionFactoryLookup = connectionFactoryLookup; }

    public String getDestinationType() { return destinationType; }

    public void setDestinationType(String destinationType) { this.destinationType = destinationType; }

    public String getDestination() { return destination; }

    public void setDestination(String destination) { this.destination = destination; }

    public String getMessageSelector() { return messageSelector; }

    public void setMessageSelector(String messageSelector) { this.messageSelector = messageSelector; }

    public String getAcknowledgeMode() { return acknowledgeMode; }

    public void setAcknowledgeMode(String acknowledgeMode) { this.acknowledgeMode = acknowledgeMode; }

    public String getSubscriptionDurability() { return subscriptionDurability; }

    public void setSubscriptionDurability(String subscriptionDurability) { this.subscriptionDurability = subscriptionDurability; }

    public String getClientId() { return clientId; }

    public void setClientId(String clientId) { this.clientId = clientId; }

    public String getSubscriptionName() { return subscriptionName; }

    public void setSubscriptionName(String subscriptionName) { this.subscriptionName = subscriptionName; }

    public boolean isShareSubscriptions() { return shareSubscriptions; }

    public void setShareSubscriptions(boolean shareSubscriptions) { this.shareSubscriptions = shareSubscriptions; }

    public int getMaxSession() { return maxSession; }

    public void setMaxSession(int maxSession) { this.maxSession = maxSession; }

    /** How long one poll waits for a message before the worker checks whether it should stop. */
    public int getReceiveTimeoutMillis() { return receiveTimeoutMillis; }

    public void setReceiveTimeoutMillis(int receiveTimeoutMillis) { this.receiveTimeoutMillis = receiveTimeoutMillis; }

    String destinationType() {
        return destinationType;
    }

    RowResourceAdapter resourceAdapter() {
        return resourceAdapter;
    }
}
