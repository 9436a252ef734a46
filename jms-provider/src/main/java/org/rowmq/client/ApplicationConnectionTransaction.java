package org.rowmq.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.rowmq.message.RowMessage;
import org.rowmq.store.OutgoingMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A session working in the application's JDBC transaction: each send is an INSERT and each receive a DELETE on the
 * application's connection, taking effect when the application commits it and vanishing when it rolls back. RowMQ
 * neither commits nor closes the connection, so commit() and rollback() are refused: the connection's owner decides.
 * (Spring's JMS support expects exactly this refusal from a session sharing a Spring-managed JDBC connection, and
 * ignores it; see {@link ConnectionBoundConnectionFactory#getDataSource()}.)
 *
 * <p>Statements per message on the application's connection: a send = 1 INSERT (+1 NOTIFY on PostgreSQL, so that
 * consumers everywhere wake at the commit); a receive = 1 DELETE, after the usual claim through RowMQ's pool (1/prefetch
 * of a claim), and a share of the settling round that later sees the outcome ({@link PendingAcknowledgements}). No
 * commit is RowMQ's.
 */
final class ApplicationConnectionTransaction implements TransactionStrategy {
    private final RowSession session;
    private final ApplicationConnectionSource source;
    private final PendingAcknowledgements pending;

    ApplicationConnectionTransaction(RowSession session, ApplicationConnectionSource source,
                                     PendingAcknowledgements pending) {
        this.session = session;
        this.source = source;
        this.pending = pending;
    }

    @Override
    public int acknowledgeMode() {
        return Session.SESSION_TRANSACTED;
    }

    /** The message is in the application's transaction once this returns; there is nothing to wait for. */
    @Override
    public CompletableFuture<Void> send(OutgoingMessage message) throws JMSException {
        source.use(session.store(), c -> {
            session.store().write(c, List.of(message), List.of());
            session.store().announceAtCommit(c, List.of(message.destination()));
        });
        return DONE;
    }

    /** Acknowledges in the application's transaction at once: the commit, when it comes, is the application's. */
    @Override
    public void delivering(RowMessage message, long id) throws JMSException {
        try {
            source.use(session.store(), c -> session.store().write(c, List.of(), List.of(id)));
        } catch (JMSException e) {
            // The application never sees this message: it goes back to its queue as it was.
            try {
                session.store().release(List.of(id), false);
            } catch (JMSException releaseFailure) {
                e.addSuppressed(releaseFailure);
            }
            throw e;
        }
        pending.add(id);
    }

    @Override
    public void commit() throws JMSException {
        throw new IllegalStateException("This session works in the application's JDBC transaction: commit the JDBC "
                + "connection (connection.commit(), or let the framework's transaction manager do it); the messages "
                + "sent and received on it commit with it");
    }

    @Override
    public void rollback() throws JMSException {
        throw new IllegalStateException("This session works in the application's JDBC transaction: roll back the JDBC "
                + "connection (connection.rollback(), or let the framework's transaction manager do it); the messages "
                + "received on it are then redelivered");
    }

    /**
     * Closing leaves the application's transaction alone (its sends and receives stay in it). The transaction has
     * usually ended by now, so the received messages are settled at once rather than at the next round.
     */
    @Override
    public void close() {
        pending.settleSoon();
    }
}
