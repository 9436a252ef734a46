package org.rowmq.ra.outbound;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;

import java.util.List;
import java.util.Map;
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
            target = mc.boundContext(dataSource(mcf));
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
        UnaryOperator<Object> guard = rules.wrapResult();
        rules = new Guard.Rules(rules.intercepted(), result -> {
            if (owned == null && result instanceof AutoCloseable c && !(result instanceof JMSContext)) made.add(c);
            Object guarded = guard.apply(result);
            // A producer of the shared transaction context would outlive this handle's close otherwise.
            return guarded instanceof JMSProducer
                    ? Guard.wrap(guarded, new Guard.Rules(Map.of(), UnaryOperator.identity(), this::refuseWhenClosed),
                    JMSProducer.class)
                    : guarded;
        }, (m, args) -> m.getName().equals("close") ? Guard.PASS : refuseWhenClosed(m, args));
        proxy = Guard.wrap(target, rules, JMSContext.class);
    }

    /**
     * JMSContext.close: a closed context's methods throw IllegalStateRuntimeException. Inside a transaction the target
     * is the managed connection's XA context, which stays open for the next handle, so the handle itself must refuse.
     */
    private Object refuseWhenClosed(java.lang.reflect.Method method, Object[] args) {
        if (closed)
            throw new IllegalStateRuntimeException("This JMSContext is closed (" + method.getName()
                    + " was called after close); create a new one from the connection factory");
        return Guard.PASS;
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
