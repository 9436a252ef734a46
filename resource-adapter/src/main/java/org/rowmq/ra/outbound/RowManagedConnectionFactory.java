package org.rowmq.ra.outbound;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ResourceAdapterInternalException;
import jakarta.resource.spi.TransactionSupport;
import jakarta.resource.spi.security.PasswordCredential;
import org.rowmq.client.RowXAConnectionFactory;
import org.rowmq.ra.Configurable;
import org.rowmq.ra.RowResourceAdapter;
import org.rowmq.ra.Settings;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.security.auth.Subject;
import javax.sql.DataSource;
import java.io.PrintWriter;
import java.util.Set;

/**
 * A connection definition: its configuration properties override the resource adapter's; its connection factories are
 * {@code jakarta.jms.ConnectionFactory} (and the Queue and Topic variants) whose connections the server pools.
 *
 * <p>Transactions: XA by default (the provider's XAResource is enlisted). {@code transactionSupport} =
 * LocalTransaction or NoTransaction lowers it. With {@code dataSourceJndiName} the definition never takes part in a
 * transaction as a resource of its own: inside a JTA transaction its sessions work on that datasource's enlisted
 * connection, so the transaction keeps the datasource as its one participant.
 */
public class RowManagedConnectionFactory extends Configurable
        implements ManagedConnectionFactory, ResourceAdapterAssociation, TransactionSupport {
    private static final long serialVersionUID = 1L;

    private transient RowResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient volatile DataSource dataSource;
    private String transactionSupport = TransactionSupportLevel.XATransaction.name();

    public String getTransactionSupportLevel() {
        return transactionSupport;
    }

    /** XATransaction (the default), LocalTransaction or NoTransaction. */
    public void setTransactionSupportLevel(String level) {
        try {
            TransactionSupportLevel.valueOf(level);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("RowMQ's transactionSupportLevel is XATransaction, LocalTransaction or "
                    + "NoTransaction, not " + level);
        }
        this.transactionSupport = level;
    }

    @Override
    public TransactionSupportLevel getTransactionSupport() {
        if (effective().dataSourceJndiName() != null) return TransactionSupportLevel.NoTransaction;
        return TransactionSupportLevel.valueOf(transactionSupport);
    }

    /** The settings in force: this definition's over the resource adapter's. */
    Settings effective() {
        return resourceAdapter == null ? settings() : settings().over(resourceAdapter.settings());
    }

    boolean isDataSourceMode() {
        return effective().dataSourceJndiName() != null;
    }

    /** The application's datasource of the datasource-transaction mode, looked up once. */
    DataSource dataSource() throws ResourceException {
        DataSource ds = dataSource;
        if (ds != null) return ds;
        String name = effective().dataSourceJndiName();
        try {
            Object found = new InitialContext().lookup(name);
            if (!(found instanceof DataSource d))
                throw new InvalidPropertyException("RowMQ's dataSourceJndiName " + name + " names a "
                        + (found == null ? "null" : found.getClass().getName()) + ", not a javax.sql.DataSource");
            dataSource = d;
            return d;
        } catch (NamingException e) {
            throw new InvalidPropertyException("RowMQ's dataSourceJndiName " + name + " is not bound: "
                    + e.getMessage(), e);
        }
    }

    /** The provider factory of this definition's settings (over the adapter's). */
    RowXAConnectionFactory factory() throws ResourceException {
        if (resourceAdapter == null)
            throw new ResourceAdapterInternalException("this RowMQ connection definition has no resource adapter");
        return resourceAdapter.factory(settings());
    }

    /**
     * The request as the server's sign-on completes it. Credentials the application gave (createConnection(user,
     * password)) stand; otherwise a container-managed sign-on's PasswordCredential (for instance from an Elytron
     * credential store, through the definition's authentication context) is the RowMQ user the connection
     * authenticates as, checked against the security file like any other. The database credentials are never the
     * sign-on's: they are the settings' (or the datasource's).
     */
    RequestInfo signedOn(Subject subject, ConnectionRequestInfo info) {
        RequestInfo request = info == null ? RequestInfo.CONNECTION : (RequestInfo) info;
        if (request.user() != null || subject == null) return request;
        for (PasswordCredential c : subject.getPrivateCredentials(PasswordCredential.class))
            if (c.getManagedConnectionFactory() == null || c.getManagedConnectionFactory().equals(this))
                return request.withCredentials(c.getUserName(), new String(c.getPassword()));
        return request;
    }

    TransactionProbe transactions() {
        return resourceAdapter.transactions();
    }

    @Override
    public Object createConnectionFactory(ConnectionManager cm) {
        return new RowConnectionFactoryHandle(this, cm);
    }

    /** Outside a server: connections are created on demand, never pooled or enlisted. */
    @Override
    public Object createConnectionFactory() {
        return new RowConnectionFactoryHandle(this, new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        return new RowManagedConnection(this, factory(), signedOn(subject, info));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        for (Object o : candidates)
            if (o instanceof RowManagedConnection mc && mc.matches(this, signedOn(subject, info))) return mc;
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter ra) throws ResourceException {
        if (!(ra instanceof RowResourceAdapter row))
            throw new ResourceAdapterInternalException("RowMQ's connection definitions belong to RowResourceAdapter, not "
                    + ra);
        this.resourceAdapter = row;
    }

    // Connectors 2.1, 6.5.3.5: two factories with the same configuration are equal. The server keeps one per definition.
    @Override
    public boolean equals(Object o) {
        return o instanceof RowManagedConnectionFactory other && other.getClass() == getClass()
                && other.settings().equals(settings()) && other.transactionSupport.equals(transactionSupport)
                && other.resourceAdapter == resourceAdapter;
    }

    @Override
    public int hashCode() {
        return settings().hashCode();
    }
}
