package org.rowmq.tx;

import java.lang.System.Logger.Level;

import javax.transaction.xa.XAResource;

import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;

/**
 * Gives Narayana's recovery scan an XAResource of one registered resource manager. Each scan gets a fresh
 * connection, so a resource manager that restarted since the last scan is reached again. Prepared branches are
 * listed by {@code recover()} from any connection, not only the one that prepared them.
 *
 * <p>Narayana may still complete a branch through the XAResource an earlier call returned while a newer one is being
 * listed (a log replay triggers an extra listing), so the previous connection stays open for one more call and only
 * the one before it is closed.
 */
final class FreshConnectionRecoveryHelper implements XAResourceRecoveryHelper {

    private static final System.Logger LOG = System.getLogger(FreshConnectionRecoveryHelper.class.getName());

    private final ResourceManagerSource resourceManager;
    private ResourceConnection previousScanConnection;
    private ResourceConnection lastScanConnection;

    FreshConnectionRecoveryHelper(ResourceManagerSource resourceManager) {
        this.resourceManager = resourceManager;
    }

    @Override
    public boolean initialise(String unused) {
        return true;
    }

    @Override
    public synchronized XAResource[] getXAResources() throws Exception {
        close(previousScanConnection);
        previousScanConnection = lastScanConnection;
        lastScanConnection = null;
        lastScanConnection = resourceManager.open();
        return new XAResource[] {new NamedXAResource(resourceManager.name(), lastScanConnection.xaResource())};
    }

    /** Called when no scan can use them any more (the recovery manager stopped and this helper was removed). */
    synchronized void closeScanConnections() {
        close(previousScanConnection);
        close(lastScanConnection);
        previousScanConnection = null;
        lastScanConnection = null;
    }

    private void close(ResourceConnection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing a recovery connection to " + resourceManager.name() + " failed", e);
        }
    }
}
