package org.rowmq.ra.outbound;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.ResourceAdapterInternalException;
import org.rowmq.client.RowXAConnectionFactory;

import javax.security.auth.Subject;
import javax.sql.DataSource;
import javax.transaction.xa.XAResource;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One pooled physical RowMQ resource: an XA connection with its XA session (classic-API handles) or an XA context
 * (JMSContext handles). Its XAResource is the provider's. Inside a transaction the handles work on that XA session or
 * context, so their sends and receives are the branch's; outside one, each handle gets an ordinary session or context
 * of its own with the arguments the application gave.
 */
public class RowManagedConnection implements ManagedConnection {
    private final RowManagedConnectionFactory mcf;
    private final RowXAConnectionFactory factory;
    private final RequestInfo.Kind kind;
    /** The RowMQ user this connection authenticated as (null: the factory's default credentials), and its password
     *  for the contexts a handle opens of its own outside a transaction. */
    private final String user;
    private final String password;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Handle> handles = new CopyOnWriteArrayList<>();
    private XAConnection xaConnection;
    private XASession xaSession;
    private XAJMSContext xaContext;
    private volatile boolean localTransaction;
    private PrintWriter logWriter;

    /** What a handle is to the managed connection that serves it. */
    interface Handle {
        /** Closes what the handle opened of its own and makes it unusable. */
        void invalidate();

        void reassociate(RowManagedConnection mc);
    }

    RowManagedConnection(RowManagedConnectionFactory mcf, RowXAConnectionFactory factory, RequestInfo info)
            throws ResourceException {
        this.mcf = mcf;
        this.factory = factory;
        this.kind = info == null ? RequestInfo.Kind.CONNECTION : info.kind();
        this.user = info == null ? null : info.user();
        this.password = info == null ? null : info.password();
        try {
            if (kind == RequestInfo.Kind.CONNECTION) {
                xaConnection = factory.createXAConnection(user, password);
                xaSession = xaConnection.createXASession();
            } else {
                xaContext = factory.createXAContext(user, password);
            }
        } catch (JMSException | RuntimeException e) {
            destroyQuietly();
            throw new ResourceAdapterInternalException("RowMQ could not open a connection: " + e.getMessage(), e);
        }
    }

    /** A pooled connection serves only the user it authenticated as, and only when the password given now is right. */
    boolean matches(RowManagedConnectionFactory other, RequestInfo info) {
        RequestInfo request = info == null ? RequestInfo.CONNECTION : info;
        if (!mcf.equals(other) || kind != request.kind() || !java.util.Objects.equals(user, request.user())) return false;
        try {
            if (user != null) factory.checkCredentials(user, request.password());
            return true;
        } catch (JMSException wrong) {
            return false; // a new connection is attempted, and fails with the JMSSecurityException
        }
    }

    RowManagedConnectionFactory mcf() {
        return mcf;
    }

    RowXAConnectionFactory factory() {
        return factory;
    }

    /** A context of the application's datasource transaction, as the same RowMQ user as this connection. */
    JMSContext boundContext(DataSource dataSource) {
        return factory.boundTo(dataSource).createContext(user, password);
    }

    /** A connection in the application's datasource transaction, as the same RowMQ user as this connection. */
    Connection boundConnection(DataSource dataSource) throws JMSException {
        return factory.boundTo(dataSource).createConnection(user, password);
    }

    /** A context of the handle's own (no transaction to join), as the same RowMQ user as this connection. */
    JMSContext ownContext(int sessionMode) {
        return factory.createContext(user, password, sessionMode);
    }

    /**
     * Whether work now belongs to a transaction the server runs with this connection's resource: a JTA branch
     * associated with the XAResource, or a local transaction the server began.
     */
    boolean inManagedTransaction() {
        if (localTransaction) return true;
        XAResource xa = kind == RequestInfo.Kind.CONNECTION ? xaSession.getXAResource() : xaContext.getXAResource();
        return ((org.rowmq.xa.RowXAResource) xa).inGlobalTransaction();
    }

    XAConnection xaConnection() {
        return xaConnection;
    }

    /** The session of the managed transaction (its work is the branch's, or the local transaction's). */
    Session transactionSession() {
        return xaSession;
    }

    JMSContext transactionContext() {
        return xaContext.getContext();
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        RequestInfo request = info == null ? RequestInfo.CONNECTION : (RequestInfo) info;
        Handle handle = request.kind() == RequestInfo.Kind.CONNECTION
                ? new RowConnectionHandle(this) : new ContextHandle(this, request.sessionMode());
        handles.add(handle);
        return handle instanceof ContextHandle c ? c.proxy() : handle;
    }

    void handleClosed(Handle handle, Object asSeenByApplication) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(asSeenByApplication);
        for (ConnectionEventListener l : listeners) l.connectionClosed(event);
    }

    /** A failure of the physical resource: the server discards this managed connection. */
    void failed(Exception e) {
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, e);
        for (ConnectionEventListener l : listeners) l.connectionErrorOccurred(event);
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof Handle handle))
            throw new NotSupportedException("RowMQ re-associates its connection handles, not " + connection
                    + " (JMSContext handles live within one component call)");
        handle.reassociate(this);
        handles.add(handle);
    }

    void detach(Handle handle) {
        handles.remove(handle);
    }

    @Override
    public void cleanup() {
        for (Handle h : handles) h.invalidate();
        handles.clear();
        localTransaction = false;
    }

    @Override
    public void destroy() {
        cleanup();
        destroyQuietly();
    }

    private void destroyQuietly() {
        try {
            if (xaContext != null) xaContext.close();
            if (xaSession != null) xaSession.close();
            if (xaConnection != null) xaConnection.close();
        } catch (JMSException | RuntimeException e) {
            // Closing releases in-memory state only; the store stays with the factory.
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        if (mcf.isDataSourceMode())
            throw new NotSupportedException("This RowMQ connection definition works in the datasource's transaction "
                    + "(dataSourceJndiName); it has no XAResource of its own");
        return kind == RequestInfo.Kind.CONNECTION ? xaSession.getXAResource() : xaContext.getXAResource();
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        if (mcf.isDataSourceMode())
            throw new NotSupportedException("This RowMQ connection definition works in the datasource's transaction "
                    + "(dataSourceJndiName); it has no local transaction of its own");
        return new Local();
    }

    /** A local transaction is the XA session's (or context's) own transaction, which it runs outside a global one. */
    private final class Local implements LocalTransaction {
        @Override
        public void begin() {
            localTransaction = true;
        }

        @Override
        public void commit() throws ResourceException {
            try {
                if (xaSession != null) xaSession.commit();
                else xaContext.commit();
            } catch (JMSException | RuntimeException e) {
                throw new ResourceAdapterInternalException("RowMQ could not commit its local transaction: "
                        + e.getMessage(), e);
            } finally {
                localTransaction = false;
            }
        }

        @Override
        public void rollback() throws ResourceException {
            try {
                if (xaSession != null) xaSession.rollback();
                else xaContext.rollback();
            } catch (JMSException | RuntimeException e) {
                throw new ResourceAdapterInternalException("RowMQ could not roll back its local transaction: "
                        + e.getMessage(), e);
            } finally {
                localTransaction = false;
            }
        }
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new ManagedConnectionMetaData() {
            @Override
            public String getEISProductName() {
                return "RowMQ";
            }

            @Override
            public String getEISProductVersion() {
                String v = RowManagedConnection.class.getPackage().getImplementationVersion();
                return v == null ? "unknown" : v;
            }

            @Override
            public int getMaxConnections() {
                return 0;
            }

            @Override
            public String getUserName() {
                return null;
            }
        };
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }
}
