package org.rowmq.tx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.XADataSource;
import javax.transaction.xa.XAResource;

import jakarta.jms.XAConnectionFactory;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;

import com.arjuna.ats.arjuna.coordinator.TransactionReaper;
import com.arjuna.ats.arjuna.objectstore.StoreManager;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.arjuna.recovery.RecoveryModule;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;

/**
 * The transaction coordinator of a Java SE application: Narayana's JTA transaction manager plus its recovery
 * manager, with the application's XA resource managers (databases, RowMQ or another JMS provider) registered by
 * name so that recovery can reach them after a crash.
 *
 * <p>One per JVM at a time (Narayana is a JVM-wide singleton). Start it, register every resource manager, then run
 * transactions either with {@link #inTransaction} or with plain JTA ({@link #transactionManager()} and
 * {@link #enlist}). Close it after the transactions it ran have completed.
 */
public final class TxCoordinator implements AutoCloseable {

    private final TxCoordinatorConfig config;
    private final TransactionManager transactionManager;
    private final UserTransaction userTransaction;
    private final RecoveryManager recoveryManager;
    private final XARecoveryModule xaRecoveryModule;
    private final Map<String, ResourceManagerSource> resources = new ConcurrentHashMap<>();
    private final Map<String, FreshConnectionRecoveryHelper> recoveryHelpers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private TxCoordinator(TxCoordinatorConfig config) {
        this.config = config;
        this.transactionManager = com.arjuna.ats.jta.TransactionManager.transactionManager();
        this.userTransaction = com.arjuna.ats.jta.UserTransaction.userTransaction();
        this.recoveryManager = RecoveryManager.manager(RecoveryManager.INDIRECT_MANAGEMENT);
        this.recoveryManager.initialize();
        this.xaRecoveryModule = findXARecoveryModule(recoveryManager);
    }

    /**
     * Configures Narayana (first start in this JVM), opens the transaction log in the object store directory and
     * starts periodic recovery, which completes transactions a previous run of this node left in doubt once their
     * resource managers are registered.
     */
    public static TxCoordinator start(TxCoordinatorConfig config) {
        Objects.requireNonNull(config, "config");
        try {
            Files.createDirectories(config.objectStoreDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the object store directory "
                    + config.objectStoreDirectory() + "; choose a writable directory that survives restarts", e);
        }
        NarayanaEnvironment.acquire(config);
        try {
            return new TxCoordinator(config);
        } catch (RuntimeException | Error e) {
            NarayanaEnvironment.release();
            throw e;
        }
    }

    private static XARecoveryModule findXARecoveryModule(RecoveryManager manager) {
        for (RecoveryModule module : manager.getModules()) {
            if (module instanceof XARecoveryModule xa) {
                return xa;
            }
        }
        throw new IllegalStateException("Narayana's recovery manager runs no XARecoveryModule; was Narayana"
                + " configured by something other than TxCoordinator in this JVM?");
    }

    public TxCoordinatorConfig config() {
        return config;
    }

    public TransactionManager transactionManager() {
        requireOpen();
        return transactionManager;
    }

    public UserTransaction userTransaction() {
        requireOpen();
        return userTransaction;
    }

    /** Registers a database for transactions ({@link TransactionScope#connection}) and for recovery. */
    public void registerXADataSource(String name, XADataSource dataSource) {
        register(new JdbcResourceManager(requireName(name), Objects.requireNonNull(dataSource, "dataSource")));
    }

    /** Registers a JMS provider (RowMQ or another) for transactions ({@link TransactionScope#jms}) and recovery. */
    public void registerXAConnectionFactory(String name, XAConnectionFactory connectionFactory) {
        register(new JmsResourceManager(requireName(name),
                Objects.requireNonNull(connectionFactory, "connectionFactory")));
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a resource needs a non-blank name: it is written into the"
                    + " transaction log and must stay the same across restarts");
        }
        return name;
    }

    private void register(ResourceManagerSource resourceManager) {
        requireOpen();
        if (resources.putIfAbsent(resourceManager.name(), resourceManager) != null) {
            throw new IllegalArgumentException("a resource named \"" + resourceManager.name()
                    + "\" is already registered; names identify resource managers in the transaction log");
        }
        FreshConnectionRecoveryHelper helper = new FreshConnectionRecoveryHelper(resourceManager);
        recoveryHelpers.put(resourceManager.name(), helper);
        xaRecoveryModule.addXAResourceRecoveryHelper(helper);
    }

    ResourceManagerSource registeredResource(String name) {
        ResourceManagerSource resourceManager = resources.get(name);
        if (resourceManager == null) {
            throw new IllegalArgumentException("no resource is registered under \"" + name + "\"; registered: "
                    + resources.keySet());
        }
        return resourceManager;
    }

    /**
     * Enlists an XAResource of the registered resource manager {@code resourceName} in the transaction associated
     * with this thread (the plain JTA way). The name goes into the transaction log so recovery can match the
     * branch; it must be the name the resource manager is registered under, or recovery could not reach it.
     */
    public void enlist(String resourceName, XAResource resource) throws RollbackException, SystemException {
        requireOpen();
        Objects.requireNonNull(resource, "resource");
        Transaction transaction = transactionManager.getTransaction();
        if (transaction == null) {
            throw new IllegalStateException("no transaction is associated with this thread; call"
                    + " transactionManager().begin() first");
        }
        enlist(transaction, resourceName, resource);
    }

    void enlist(Transaction transaction, String resourceName, XAResource resource)
            throws RollbackException, SystemException {
        registeredResource(resourceName);
        if (!transaction.enlistResource(new NamedXAResource(resourceName, resource))) {
            throw new IllegalStateException("the transaction refused the resource \"" + resourceName
                    + "\" (status " + transaction.getStatus() + ")");
        }
    }

    /**
     * Runs {@code work} in a new transaction: commits when it returns, rolls back when it throws and rethrows what it
     * threw. Connections opened through the {@link TransactionScope} are closed after the transaction completed.
     *
     * @throws RollbackException if the transaction was rolled back instead of committed (marked rollback-only, timed
     *                           out, or a branch failed to prepare)
     * @throws Exception         whatever {@code work} threw, after rolling back
     */
    public void inTransaction(TransactionalWork work) throws Exception {
        Objects.requireNonNull(work, "work");
        callInTransaction(tx -> {
            work.execute(tx);
            return null;
        });
    }

    /** {@link #inTransaction} for work that returns a result, returned after commit. */
    public <T> T callInTransaction(TransactionalCallable<T> work) throws Exception {
        Objects.requireNonNull(work, "work");
        requireOpen();
        if (transactionManager.getStatus() != Status.STATUS_NO_TRANSACTION) {
            throw new IllegalStateException("a transaction is already associated with this thread;"
                    + " inTransaction starts its own and does not nest");
        }
        transactionManager.begin();
        TransactionScope scope = new TransactionScope(this, transactionManager.getTransaction());
        try {
            T result;
            try {
                result = work.call(scope);
            } catch (Exception | Error failure) {
                rollbackAfter(failure);
                throw failure;
            }
            transactionManager.commit();
            return result;
        } finally {
            scope.closeConnections();
        }
    }

    private void rollbackAfter(Throwable failure) {
        try {
            transactionManager.rollback();
        } catch (Exception | Error rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
            try {
                transactionManager.suspend();
            } catch (SystemException suspendFailure) {
                failure.addSuppressed(suspendFailure);
            }
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this TxCoordinator is closed");
        }
    }

    /**
     * Stops recovery and releases the transaction log. Transactions still running are not waited for; whatever
     * they leave prepared is completed by recovery when this node starts again.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // Narayana keeps its recovery module instances for the JVM's life and hands them to the next recovery
            // manager, so this coordinator's helpers must leave them or a later coordinator would scan with them.
            // Removed while recovery still runs: removal waits until a scan that used the helper has finished its
            // second pass, and after terminate() a scan stopped between its passes never would (close hung forever).
            for (FreshConnectionRecoveryHelper helper : recoveryHelpers.values()) {
                xaRecoveryModule.removeXAResourceRecoveryHelper(helper);
            }
            // Waits for a running scan to finish, so no helper is in use when its connection closes.
            recoveryManager.terminate();
            for (FreshConnectionRecoveryHelper helper : recoveryHelpers.values()) {
                helper.closeScanConnections();
            }
            TransactionReaper.terminate(false);
            StoreManager.shutdown();
        } finally {
            NarayanaEnvironment.release();
        }
    }
}
