package org.rowmq.tx;

import java.util.List;

import com.arjuna.ats.arjuna.common.CoordinatorEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.CoreEnvironmentBeanException;
import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.ats.jta.common.JTAEnvironmentBean;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;

import com.arjuna.ats.internal.arjuna.recovery.AtomicActionRecoveryModule;
import com.arjuna.ats.internal.jta.recovery.arjunacore.JTANodeNameXAResourceOrphanFilter;
import com.arjuna.ats.internal.jta.recovery.arjunacore.JTATransactionLogXAResourceOrphanFilter;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;

/**
 * Narayana's settings are JVM-wide and many are read once, into static fields, when a class is first used (the node
 * name, the orphan safety interval, the record wrapping plugin). So the first {@link TxCoordinator} of a JVM fixes
 * them: later coordinators in the same JVM (after the first was closed, as in tests) must bring the same
 * configuration, and only one may be open at a time.
 */
final class NarayanaEnvironment {

    private static TxCoordinatorConfig applied;
    private static boolean inUse;

    private NarayanaEnvironment() {
    }

    static synchronized void acquire(TxCoordinatorConfig config) {
        if (inUse) {
            throw new IllegalStateException("a TxCoordinator is already open in this JVM; Narayana runs one"
                    + " transaction manager per JVM, so close the open one first");
        }
        if (applied == null) {
            apply(config);
            applied = config;
        } else if (!applied.equals(config)) {
            throw new IllegalStateException("Narayana in this JVM was already configured with " + applied
                    + "; it reads its settings once per JVM, so a later TxCoordinator must use the same"
                    + " configuration, not " + config);
        }
        inUse = true;
    }

    static synchronized void release() {
        inUse = false;
    }

    private static void apply(TxCoordinatorConfig config) {
        try {
            BeanPopulator.getDefaultInstance(CoreEnvironmentBean.class).setNodeIdentifier(config.nodeIdentifier());
        } catch (CoreEnvironmentBeanException e) {
            throw new IllegalArgumentException("Narayana rejected nodeIdentifier \"" + config.nodeIdentifier()
                    + "\": " + e.getMessage(), e);
        }

        // The default store holds the transaction log; the named ones must point to the same place or Narayana
        // writes parts of its state under the working directory.
        String storeDir = config.objectStoreDirectory().toString();
        for (String storeName : new String[] {null, "communicationStore", "stateStore"}) {
            ObjectStoreEnvironmentBean store = BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, storeName);
            store.setObjectStoreDir(storeDir);
        }

        BeanPopulator.getDefaultInstance(CoordinatorEnvironmentBean.class)
                .setDefaultTimeout((int) config.defaultTransactionTimeout().getSeconds());

        RecoveryEnvironmentBean recovery = BeanPopulator.getDefaultInstance(RecoveryEnvironmentBean.class);
        recovery.setPeriodicRecoveryPeriod((int) config.recoveryPeriod().getSeconds());
        recovery.setRecoveryBackoffPeriod((int) config.recoveryBackoff().getSeconds());
        // Top-down recovery (from the log) first, then bottom-up (from the resources' recover() lists).
        recovery.setRecoveryModuleClassNames(List.of(
                AtomicActionRecoveryModule.class.getName(),
                XARecoveryModule.class.getName()));
        // Nobody outside this JVM drives its recovery manager, so it opens no listening socket.
        recovery.setRecoveryListener(false);

        JTAEnvironmentBean jta = BeanPopulator.getDefaultInstance(JTAEnvironmentBean.class);
        // Prepared branches whose Xid carries this node's name and that have no log are orphans: roll them back.
        jta.setXaRecoveryNodes(List.of(config.nodeIdentifier()));
        jta.setXaResourceOrphanFilterClassNames(List.of(
                JTATransactionLogXAResourceOrphanFilter.class.getName(),
                JTANodeNameXAResourceOrphanFilter.class.getName()));
        jta.setOrphanSafetyInterval((int) config.orphanSafetyInterval().toMillis());
        jta.setXAResourceRecordWrappingPlugin(new ResourceNameRecordPlugin());
    }
}
