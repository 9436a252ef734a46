package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.rowmq.dispatch.Dispatcher;
import org.rowmq.security.Access;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JMS connection whose sessions all work in the application's JDBC transaction. As for a session inside a JTA
 * transaction (Jakarta Messaging 3.1, section 12.3), the arguments of createSession are ignored: every session is
 * transacted, and its transaction is the application's.
 */
final class ConnectionBoundConnection extends RowConnection {
    private final ApplicationConnectionSource source;
    private final PendingAcknowledgements pending;
    private final List<RowSession> boundSessions = new CopyOnWriteArrayList<>();

    ConnectionBoundConnection(RowConnectionFactory factory, Dispatcher dispatcher, ApplicationConnectionSource source,
                              PendingAcknowledgements pending, Access access) {
        super(factory, dispatcher, null, access);
        this.source = source;
        this.pending = pending;
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        checkOpen();
        freezeClientId();
        RowSession session = new RowSession(this, s -> new ApplicationConnectionTransaction(s, source, pending));
        boundSessions.add(session);
        if (isClosed()) { // a close that raced with this creation
            session.close();
            throw Failures.closed("connection");
        }
        return session;
    }

    @Override
    void sessionClosed(RowSession s) {
        boundSessions.remove(s);
        super.sessionClosed(s);
    }

    /** Stops delivery and, as for any connection, waits for the running listeners of its sessions. */
    @Override
    public void stop() throws JMSException {
        super.stop();
        for (RowSession s : boundSessions) s.awaitListenerIdle();
    }

    @Override
    public void close() throws JMSException {
        if (isClosed()) return;
        JMSException first = null;
        try {
            super.close();
        } catch (JMSException e) {
            first = e;
        }
        for (RowSession s : boundSessions) {
            try {
                s.close();
            } catch (JMSException e) {
                if (first == null) first = e;
            }
        }
        if (first != null) throw first;
    }
}
