package org.rowmq.tx;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.jms.JMSContext;
import jakarta.transaction.Transaction;

/**
 * The handle passed to the work of {@link TxCoordinator#inTransaction}: opens connections to registered resource
 * managers and enlists each one's XAResource as a branch of the transaction. Asking twice for the same name returns
 * the same connection, one branch per resource manager. The coordinator closes every connection after the
 * transaction completed; the work must not use them after it returns.
 */
public final class TransactionScope {

    private static final System.Logger LOG = System.getLogger(TransactionScope.class.getName());

    private final TxCoordinator coordinator;
    private final Transaction transaction;
    private final Map<String, ResourceConnection> connections = new LinkedHashMap<>();

    TransactionScope(TxCoordinator coordinator, Transaction transaction) {
        this.coordinator = coordinator;
        this.transaction = transaction;
    }

    /** A JDBC connection to the XADataSource registered under {@code resourceName}, enlisted in this transaction. */
    public Connection connection(String resourceName) throws Exception {
        ResourceConnection opened = open(resourceName, JdbcResourceManager.class);
        return ((JdbcResourceManager.JdbcConnection) opened).connection();
    }

    /** A JMSContext of the XAConnectionFactory registered under {@code resourceName}, enlisted in this transaction. */
    public JMSContext jms(String resourceName) throws Exception {
        ResourceConnection opened = open(resourceName, JmsResourceManager.class);
        return ((JmsResourceManager.JmsConnection) opened).jmsContext();
    }

    /** The JTA transaction this scope belongs to, e.g. to register a Synchronization or mark it rollback-only. */
    public Transaction transaction() {
        return transaction;
    }

    private ResourceConnection open(String resourceName, Class<? extends ResourceManagerSource> expectedKind)
            throws Exception {
        ResourceConnection existing = connections.get(resourceName);
        if (existing != null) {
            return existing;
        }
        ResourceManagerSource resourceManager = coordinator.registeredResource(resourceName);
        if (!expectedKind.isInstance(resourceManager)) {
            throw new IllegalArgumentException("resource \"" + resourceName + "\" is registered as "
                    + describe(resourceManager.getClass()) + ", not " + describe(expectedKind));
        }
        ResourceConnection connection = resourceManager.open();
        connections.put(resourceName, connection);
        coordinator.enlist(transaction, resourceName, connection.xaResource());
        return connection;
    }

    private static String describe(Class<?> kind) {
        return kind == JdbcResourceManager.class ? "an XADataSource" : "an XAConnectionFactory";
    }

    /** After commit or rollback: the branches are over, so their connections can go. */
    void closeConnections() {
        for (Map.Entry<String, ResourceConnection> entry : connections.entrySet()) {
            try {
                entry.getValue().close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing the connection to " + entry.getKey()
                        + " after the transaction completed failed", e);
            }
        }
        connections.clear();
    }
}
