package org.rowmq.ra.outbound;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The JMSContext an application gets from RowMQ's connection factory in the server. Like {@link SessionHandle}, it works
 * on the datasource's connection (datasource-transaction mode in a JTA transaction), on the managed connection's XA
 * context (in a transaction) or on a context of its own with the requested session mode; and it refuses what section
 * 12.2 forbids.
 */
final class ContextHandle implements RowManagedConnection.Handle {
    private final JMSContext proxy;
    private final AutoCloseable owned;
    private final List<AutoCloseable> made = new CopyOnWriteArrayList<>();
    private volatile RowManagedConnection mc;
    private volatile boolean closed;

    ContextHandle(RowManagedConnection mc, int sessionMode) {
        this.mc = mc;
        RowManagedConnectionFactory mcf = mc.mcf();
        JMSContext target;
        if (mcf.isDataSourceMode() && mcf.transactions().inTransaction()) {
            target = mc.factory().boundTo(dataSource(mcf)).createContext();
            owned = target;
        } else if (!mcf.isDataSourceMode() && mc.inManagedTransaction()) {
            target = mc.transactionContext();
            owned = null;
        } else {
            target = mc.ownContext(sessionMode);
            owned = target;
        }
        Guard.Rules rules = ContainerRules.context((m, args) -> {
            close();
            return null;
        });
        if (owned == null) {
            UnaryOperator<Object> guard = rules.wrapResult();
            rules = new Guard.Rules(rules.intercepted(), result -> {
                if (result instanceof AutoCloseable c && !(result instanceof JMSContext)) made.add(c);
                return guard.apply(result);
            });
        }
        proxy = Guard.wrap(target, rules, JMSContext.class);
    }

    private static javax.sql.DataSource dataSource(RowManagedConnectionFactory mcf) {
        try {
            return SessionHandle.dataSource(mcf);
        } catch (jakarta.jms.JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    JMSContext proxy() {
        return proxy;
    }

    private void close() {
        RowManagedConnection m;
        synchronized (this) {
            if (closed) return;
            closed = true;
            m = mc;
        }
        closeOwn();
        m.handleClosed(this, proxy);
    }

    private void closeOwn() {
        try {
            if (owned != null) owned.close();
            else for (AutoCloseable c : made) c.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new JMSRuntimeException("RowMQ could not close the JMSContext: " + e.getMessage());
        }
    }

    @Override
    public void invalidate() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        try {
            closeOwn();
        } catch (RuntimeException e) {
            // Cleanup for reuse: the context's resources are released anyway.
        }
    }

    @Override
    public void reassociate(RowManagedConnection newMc) {
        RowManagedConnection old = mc;
        if (old != null && old != newMc) old.detach(this);
        mc = newMc;
    }
}
