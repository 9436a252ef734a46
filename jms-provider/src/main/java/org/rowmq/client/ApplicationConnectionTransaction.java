package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import org.rowmq.message.RowMessage;
import org.rowmq.store.OutgoingMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A session working in the application's JDBC transaction: each send is an INSERT and each receive a DELETE on the
 * application's connection, taking effect when the application commits it and vanishing when it rolls back. RowMQ
 * neither commits nor closes the connection, so commit() and rollback() are refused: the connection's owner decides.
 *
 * <p>The refusal is a {@link TransactionInProgressException}, the exception JMS names for a session whose transaction
 * is run by someone else (an XA session in a global transaction throws the same). It is not silently ignored: a
 * program holding the connection itself that calls session.commit() must learn that nothing was committed. It is not
 * an IllegalStateException either, because frameworks tell the two apart: Spring Framework 7's
 * JmsUtils.commitIfNecessary and rollbackIfNecessary, which a DefaultMessageListenerContainer calls on its own cached
 * session under CACHE_SESSION and CACHE_CONSUMER, ignore only TransactionInProgressException (an
 * IllegalStateException escapes them and fails every delivery); JmsResourceHolder.commitAll, used for a transaction's
 * session under CACHE_NONE and CACHE_CONNECTION and by JmsTemplate, ignores both. The transaction manager then
 * commits or rolls back the JDBC connection, and the messages with it.
 *
 * <p>Statements per message on the application's connection: a send = 1 INSERT (+1 NOTIFY on PostgreSQL, so that
 * consumers everywhere wake at the commit); a receive = 1 DELETE, after the usual claim through RowMQ's pool (1/prefetch
 * of a claim), and a share of the settling round that later sees the outcome ({@link PendingAcknowledgements}). No
 * commit on that connection is RowMQ's; the delivery mark written before the application sees a received message
 * (1 id of a group-committed UPDATE through RowMQ's pool, waited for) is, so that it holds whatever the application's
 * transaction does and a JVM that dies has the message come back flagged redelivered.
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
        throw new TransactionInProgressException("This session works in the application's JDBC transaction: commit the JDBC "
                + "connection (connection.commit(), or let the framework's transaction manager do it); the messages "
                + "sent and received on it commit with it");
    }

    @Override
    public void rollback() throws JMSException {
        throw new TransactionInProgressException("This session works in the application's JDBC transaction: roll back the JDBC "
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
