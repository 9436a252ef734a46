package org.rowmq.ra.outbound;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.resource.ResourceException;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * The session behind a connection handle, chosen when the application creates it: in the datasource-transaction mode
 * inside a JTA transaction, a session on the datasource's enlisted connection; inside a transaction the server runs
 * with the managed connection's resource, its XA (or local) session, shared and left open; otherwise an ordinary
 * session with the application's arguments, closed with the handle.
 */
final class SessionHandle {
    /** What closing the handle closes: the session it opened, or the bound connection and its session; null if shared. */
    private final AutoCloseable owned;
    private final Object proxy;
    /** Consumers, producers and browsers made through a shared session: they close with the handle. */
    private final List<AutoCloseable> made = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private SessionHandle(Session target, AutoCloseable owned) {
        this.owned = owned;
        Guard.Rules rules = ContainerRules.session((m, args) -> {
            close();
            return null;
        });
        if (owned == null) {
            UnaryOperator<Object> guard = rules.wrapResult();
            rules = new Guard.Rules(rules.intercepted(), result -> {
                if (result instanceof AutoCloseable c && !(result instanceof Session)) made.add(c);
                return guard.apply(result);
            });
        }
        this.proxy = Guard.wrap(target, rules, Session.class, QueueSession.class, TopicSession.class);
    }

    static SessionHandle open(RowManagedConnection mc, boolean transacted, int acknowledgeMode) throws JMSException {
        RowManagedConnectionFactory mcf = mc.mcf();
        if (mcf.isDataSourceMode() && mcf.transactions().inTransaction()) {
            Connection bound = mc.boundConnection(dataSource(mcf));
            Session s = bound.createSession(true, Session.SESSION_TRANSACTED);
            bound.start();
            return new SessionHandle(s, bound);
        }
        if (!mcf.isDataSourceMode() && mc.inManagedTransaction()) return new SessionHandle(mc.transactionSession(), null);
        Session own = mc.xaConnection().createSession(transacted, acknowledgeMode);
        return new SessionHandle(own, own);
    }

    static javax.sql.DataSource dataSource(RowManagedConnectionFactory mcf) throws JMSException {
        try {
            return mcf.dataSource();
        } catch (ResourceException e) {
            JMSException j = new JMSException(e.getMessage());
            j.setLinkedException(e);
            j.initCause(e);
            throw j;
        }
    }

    Session proxy() {
        return (Session) proxy;
    }

    boolean isClosed() {
        return closed;
    }

    void close() throws JMSException {
        if (closed) return;
        closed = true;
        AutoCloseable toClose = owned != null ? owned : () -> {
            for (AutoCloseable c : made) c.close();
        };
        try {
            toClose.close();
        } catch (JMSException e) {
            throw e;
        } catch (Exception e) {
            throw new JMSException("RowMQ could not close the session: " + e.getMessage());
        }
    }
}
