package org.rowmq.tx;

import java.lang.System.Logger.Level;

import javax.transaction.xa.XAResource;

import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;

/**
 * Gives Narayana's recovery scan an XAResource of one registered resource manager. Each scan gets a fresh
 * connection, so a resource manager that restarted since the last scan is reached again, and the previous scan's
 * connection is closed then. Prepared branches are listed by {@code recover()} from any connection, not only the one
 * that prepared them.
 */
final class FreshConnectionRecoveryHelper implements XAResourceRecoveryHelper {

    private static final System.Logger LOG = System.getLogger(FreshConnectionRecoveryHelper.class.getName());

    private final ResourceManagerSource resourceManager;
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
        closeLastScanConnection();
        lastScanConnection = resourceManager.open();
        return new XAResource[] {new NamedXAResource(resourceManager.name(), lastScanConnection.xaResource())};
    }

    /** Called when the scan that used it is over for good (the recovery manager stopped). */
    synchronized void closeLastScanConnection() {
        if (lastScanConnection == null) {
            return;
        }
        try {
            lastScanConnection.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing the recovery connection to " + resourceManager.name() + " failed", e);
        }
        lastScanConnection = null;
    }
}
