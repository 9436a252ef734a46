package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import org.rowmq.dispatch.Dispatcher;
import org.rowmq.message.DestinationNames;
import org.rowmq.security.Access;
import org.rowmq.security.Operation;
import org.rowmq.security.SecurityFile;
import org.rowmq.security.SecurityPolicy;
import org.rowmq.store.DestinationSettings;
import org.rowmq.store.MessageStore;
import org.rowmq.store.SharedStore;
import org.rowmq.store.StoreConfig;
import org.rowmq.store.Stores;

import javax.sql.DataSource;
import java.util.function.UnaryOperator;
import java.time.Duration;

/**
 * The entry point: a connection factory configured by a JDBC URL (RowMQ runs a HikariCP pool on it) or by the
 * application's own DataSource. With neither, an embedded H2 file database in ./rowmq-data is used.
 *
 * <pre>{@code
 * ConnectionFactory cf = new RowConnectionFactory("jdbc:postgresql://db/app", "app", "secret");
 * try (JMSContext ctx = cf.createContext()) {
 *     ctx.createProducer().send(ctx.createQueue("orders"), "hello");
 * }
 * }</pre>
 *
 * The database is opened on first use and shared by every connection of this factory (and by other factories with
 * the same configuration in this JVM); {@link #close()} lets go of it.
 */
public class RowConnectionFactory implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        ApplicationTransactionConnectionFactory, AutoCloseable {
    /** Messages one claim statement fetches for the consumers of a queue in this JVM. */
    public static final int DEFAULT_PREFETCH = 10;

    private StoreConfig config;
    private int prefetch = DEFAULT_PREFETCH;
    private SharedStore store;
    private Object meterRegistry;
    private Dispatcher dispatcher;
    /** Who may connect and do what; null until resolved on first use (see {@link #securityPolicy()}). */
    private SecurityPolicy security;
    private boolean securityResolved;
    /** What createConnection() without arguments authenticates with; null: no credentials. */
    private String defaultUser;
    private String defaultPassword;
    /** The administratively configured client ID of this factory's connections, or null. */
    private String clientId;
    /** This factory's claim on its client ID, shared by its live connections; see {@link #newConnection}. */
    private final String clientIdClaim = java.util.UUID.randomUUID().toString();
    private int clientIdUsers;
    private PendingAcknowledgements pendingAcknowledgements;
    private final java.util.Queue<DeferredSettings> deferredSettings = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Embedded H2 in ./rowmq-data. */
    public RowConnectionFactory() {
        this(StoreConfig.url(null, null, null));
    }

    public RowConnectionFactory(String jdbcUrl) {
        this(StoreConfig.url(jdbcUrl, null, null));
    }

    public RowConnectionFactory(String jdbcUrl, String user, String password) {
        this(StoreConfig.url(jdbcUrl, user, password));
    }

    /** On the application's own pool, shared with it; RowMQ never closes it. */
    public RowConnectionFactory(DataSource dataSource) {
        this(StoreConfig.dataSource(dataSource));
    }

    public RowConnectionFactory(StoreConfig config) {
        this.config = config;
    }

    public synchronized void setPoolSize(int size) {
        checkNotOpen("pool size");
        config = config.withPoolSize(size);
    }

    /**
     * Metrics into this Micrometer registry (an {@code io.micrometer.core.instrument.MeterRegistry}; typed Object so
     * that applications without Micrometer load this class without it) instead of the default JMX MBeans. Set before the
     * factory's first connection. Factories with the same database settings share one store in a JVM, so the registry
     * of whichever of them opens it last is the one its metrics go to.
     */
    public synchronized void setMeterRegistry(Object meterRegistry) {
        checkNotOpen("meter registry");
        if (meterRegistry != null && !isMeterRegistry(meterRegistry))
            throw new IllegalArgumentException("setMeterRegistry takes an io.micrometer.core.instrument.MeterRegistry, not a "
                    + meterRegistry.getClass().getName());
        this.meterRegistry = meterRegistry;
    }

    private static boolean isMeterRegistry(Object candidate) {
        for (Class<?> c = candidate.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals("io.micrometer.core.instrument.MeterRegistry")) return true;
        }
        return false;
    }

    /** How often this JVM proves it is alive, and after how long without that its in-flight messages are redelivered. */
    public synchronized void setLease(Duration heartbeat, Duration leaseTimeout) {
        checkNotOpen("lease");
        config = config.withLease(heartbeat, leaseTimeout);
    }

    public synchronized void setPrefetch(int prefetch) {
        if (prefetch < 1) throw new IllegalArgumentException("prefetch must be at least 1, was " + prefetch);
        this.prefetch = prefetch;
    }

    public synchronized int getPrefetch() {
        return prefetch;
    }

    /**
     * Gives every connection of this factory this client ID (the "administratively configured" client ID of JMS
     * 6.1.2): the application cannot change it, and the connections of this factory share it while any is open.
     */
    public synchronized void setClientID(String clientId) {
        this.clientId = clientId;
    }

    public synchronized String getClientID() {
        return clientId;
    }

    /**
     * Who may connect and what each user may do on which destination. Without one, the system property
     * {@value #SECURITY_PROPERTY} (or the environment variable {@value #SECURITY_VARIABLE}) names a security file;
     * with neither, connections are not checked at all (logged once).
     */
    public synchronized void setSecurity(SecurityPolicy policy) {
        this.security = policy;
        this.securityResolved = policy != null;
    }

    /** The file {@link #setSecurity} would read when not called: a system property, then an environment variable. */
    public static final String SECURITY_PROPERTY = "rowmq.security.file";
    public static final String SECURITY_VARIABLE = "ROWMQ_SECURITY_FILE";

    /**
     * The credentials of {@code createConnection()} and {@code createContext()} without a user name: this
     * factory's own identity (JMS lets a factory carry them). Also what {@link #configureDestination} is checked
     * against for the admin permission.
     */
    public synchronized void setDefaultCredentials(String user, String password) {
        this.defaultUser = user;
        this.defaultPassword = password;
    }

    /** The policy in force, read from the configured file once; null when security is off. */
    synchronized SecurityPolicy securityPolicy() throws JMSException {
        if (!securityResolved) {
            security = SecurityFile.fromEnvironment(SECURITY_PROPERTY, SECURITY_VARIABLE);
            securityResolved = true;
        }
        return security;
    }

    /**
     * Checks credentials without making a connection, as a pool does before it hands a connection made for this user
     * to a caller who gave them again (cheap after the first success: see {@link SecurityPolicy#authenticate}).
     *
     * @throws jakarta.jms.JMSSecurityException when they would not be accepted by createConnection(user, password)
     */
    public void checkCredentials(String user, String password) throws JMSException {
        authenticate(user, password);
    }

    /** Authenticates a connection about to be made: wrong credentials fail here, before any connection exists. */
    Access authenticate(String user, String password) throws JMSException {
        SecurityPolicy policy = securityPolicy();
        if (user == null) {
            synchronized (this) {
                user = defaultUser;
                password = defaultPassword;
            }
        }
        return Access.of(policy, user, password);
    }

    /**
     * Stores limits for a destination when this factory next uses its database (at once if it is open, else when it
     * opens), so configuration, e.g. a JNDI context, never needs the database up. {@code change} gets the stored
     * settings and returns the new ones; {@code origin} names where the limits come from, for the error. If storing
     * fails, that use of the factory fails and the next use tries again.
     */
    public void configureDestinationOnUse(String name, UnaryOperator<DestinationSettings> change, String origin)
            throws JMSException {
        deferredSettings.add(new DeferredSettings(DestinationNames.validate(name, "destination"), change, origin));
    }

    /** Limits given by {@link #configureDestinationOnUse}, in the order given. */
    private record DeferredSettings(String destination, UnaryOperator<DestinationSettings> change, String origin) {
    }

    private void applyDeferredSettings(MessageStore opened) throws JMSException {
        DeferredSettings next;
        while ((next = deferredSettings.peek()) != null) {
            try {
                opened.configure(next.destination(), next.change().apply(opened.settings(next.destination())));
            } catch (JMSException e) {
                JMSException failure = new JMSException(next.origin() + ": cannot store the limits of '"
                        + next.destination() + "' through " + this + " (tried again at the next use): " + e.getMessage());
                failure.setLinkedException(e);
                failure.initCause(e);
                throw failure;
            }
            deferredSettings.remove(next);
        }
    }

    /** Stores limits for a destination in the database, for every JVM that shares it. */
    public void configureDestination(String name, DestinationSettings settings) throws JMSException {
        authenticate(null, null).check(Operation.ADMIN, DestinationNames.validate(name, "destination"));
        dispatcher().store().configure(DestinationNames.validate(name, "destination"), settings);
    }

    public DestinationSettings destinationSettings(String name) throws JMSException {
        return dispatcher().store().settings(DestinationNames.validate(name, "destination"));
    }

    /** The store behind this factory, for tools and tests (depth, statistics). */
    public MessageStore store() throws JMSException {
        return dispatcher().store();
    }

    synchronized Dispatcher dispatcher() throws JMSException {
        if (dispatcher == null) {
            store = Stores.open(config);
            if (meterRegistry != null) store.store().useMeterRegistry(meterRegistry);
            dispatcher = Dispatcher.of(store);
        }
        if (!deferredSettings.isEmpty()) applyDeferredSettings(dispatcher.store());
        return dispatcher;
    }

    private void checkNotOpen(String what) {
        if (store != null)
            throw new IllegalStateException("the " + what + " cannot change after the factory opened its database");
    }

    @Override
    public synchronized void close() {
        if (pendingAcknowledgements != null) {
            pendingAcknowledgements.close();
            pendingAcknowledgements = null;
        }
        if (dispatcher != null) {
            store.close();
            dispatcher = null;
            store = null;
        }
    }

    /** Every connection starts here; a configured client ID is claimed in the store while any of them lives. */
    private RowConnection newConnection(Access access) throws JMSException {
        Dispatcher d = dispatcher();
        String id;
        synchronized (this) {
            id = clientId;
            if (id != null) {
                if (clientIdUsers == 0) d.store().claimClientId(id, clientIdClaim);
                clientIdUsers++;
            }
        }
        return new RowConnection(this, d, id, access);
    }

    synchronized void releaseAdminClientId() throws JMSException {
        if (clientId != null && --clientIdUsers == 0) dispatcher().store().releaseClientId(clientId, clientIdClaim);
    }

    @Override
    public Connection createConnection() throws JMSException {
        return newConnection(authenticate(null, null));
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return newConnection(authenticate(userName, password));
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return newConnection(authenticate(null, null));
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return newConnection(authenticate(userName, password));
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return newConnection(authenticate(null, null));
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return newConnection(authenticate(userName, password));
    }

    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        RowJMSContext.checkSessionMode(sessionMode);
        return new RowJMSContext(JmsRuntime.get(() -> newConnection(authenticate(userName, password))), sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(null, null, sessionMode);
    }

    // ---------------------------------------------------------------- the application's own transaction

    @Override
    public JMSContext createContext(java.sql.Connection connection) {
        RowConnection bound = JmsRuntime.get(() -> boundConnection(connection));
        return new RowJMSContext(bound, JMSContext.SESSION_TRANSACTED);
    }

    /** Checks the connection now, so that a wrong one fails here rather than at the first send or receive. */
    @Override
    public Connection createConnection(java.sql.Connection connection) throws JMSException {
        return boundConnection(connection);
    }

    private ConnectionBoundConnection boundConnection(java.sql.Connection connection) throws JMSException {
        ApplicationConnectionSource source = ApplicationConnectionSource.held(connection);
        source.check(store(), connection);
        return connectionBoundTo(source, null, null);
    }

    @Override
    public ConnectionBoundConnectionFactory boundTo(DataSource transactionAware) {
        return new ConnectionBoundConnectionFactory(this, transactionAware);
    }

    /** As the given user (null: the default credentials or anonymous roles), authenticated before anything opens. */
    ConnectionBoundConnection connectionBoundTo(ApplicationConnectionSource source, String user, String password)
            throws JMSException {
        Access access = authenticate(user, password);
        Dispatcher d = dispatcher();
        return new ConnectionBoundConnection(this, d, source, pendingAcknowledgements(), access);
    }

    private synchronized PendingAcknowledgements pendingAcknowledgements() throws JMSException {
        if (pendingAcknowledgements == null) pendingAcknowledgements = new PendingAcknowledgements(dispatcher().store());
        return pendingAcknowledgements;
    }

    @Override
    public String toString() {
        return "RowConnectionFactory[" + (config.jdbcUrl() != null ? config.jdbcUrl() : "DataSource " + config.dataSource()) + "]";
    }
}
