package org.rowmq.ra.it;

import javax.transaction.xa.XAResource;
import java.util.List;
import java.util.Map;

/**
 * The resources enlisted in the current transaction, from Narayana (the transaction manager of WildFly): its
 * TransactionImple.getResources(). Reflection keeps the tests free of a compile dependency on Narayana; the
 * application declares {@code Dependencies: org.jboss.jts}.
 */
public final class Participants {
    private Participants() {
    }

    public static List<String> current() throws Exception {
        Class<?> tmClass = Class.forName("com.arjuna.ats.jta.TransactionManager", true,
                Thread.currentThread().getContextClassLoader());
        Object tm = tmClass.getMethod("transactionManager").invoke(null);
        Object tx = tm.getClass().getMethod("getTransaction").invoke(tm);
        Map<?, ?> resources = (Map<?, ?>) tx.getClass().getMethod("getResources").invoke(tx);
        return resources.keySet().stream().map(r -> describe((XAResource) r)).toList();
    }

    private static String describe(XAResource r) {
        return r.getClass().getName() + " " + r;
    }
}
