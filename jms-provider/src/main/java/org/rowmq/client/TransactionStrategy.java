package org.rowmq.client;

import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import org.rowmq.message.RowMessage;
import org.rowmq.store.OutgoingMessage;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a session's acknowledge mode or transaction does with its sends and deliveries: one implementation per kind
 * (AUTO, DUPS_OK, CLIENT, a local transaction, an XA branch, the application's JDBC transaction), chosen when the
 * session is created, so the session itself keeps only the JMS state rules. Each class states its statements and
 * commits per message. (The shape follows Qpid JMS's transaction contexts.)
 */
interface TransactionStrategy {
    CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** The Session constant this strategy implements (getAcknowledgeMode). */
    int acknowledgeMode();

    default boolean transacted() {
        return acknowledgeMode() == Session.SESSION_TRANSACTED;
    }

    /** A producer's send: written now (the future completes with its commit), or kept for the transaction. */
    CompletableFuture<Void> send(OutgoingMessage message) throws JMSException;

    /**
     * Whether a message about to reach the application is first marked delivered in the database (see
     * {@link org.rowmq.store.MessageStore#markDelivered}), so that a JVM that dies meanwhile has it come back flagged
     * redelivered: true unless the message is acknowledged before the application sees it.
     */
    default boolean marksDeliveries() {
        return true;
    }

    /**
     * How many buffered messages, next in line, to mark delivered ahead together with a message that needs its mark,
     * sparing their own marks later. 0 unless the mode accepts that a crash may then flag some messages redelivered
     * that its application never saw (DUPS_OK: a prefetch; CLIENT_ACKNOWLEDGE and transactions: the last interval
     * between acknowledgements or commits).
     */
    default int marksAhead() {
        return 0;
    }

    /**
     * How many messages a claim for this session should take, per local consumer sharing the prefetch, when that is
     * more than the prefetch: the interval the session consumes between commits or acknowledgements
     * (CLIENT_ACKNOWLEDGE, transactions), so that one claim serves one interval; under AUTO_ACKNOWLEDGE a few group
     * commits' worth (see {@link AutoAcknowledge#claimWanted()}). 0 (the prefetch) for DUPS_OK_ACKNOWLEDGE.
     */
    default int claimWanted() {
        return 0;
    }

    /**
     * Whether a claim made for this session marks the first messages it takes delivered, in the claim's own statement
     * (see {@link RowSession#claimMarks(int)}), so that the first message of a claim waits for no mark of its own. Only
     * modes that accept marks ahead and keep no acknowledgements for a next mark to carry: CLIENT_ACKNOWLEDGE and
     * transactions.
     */
    default boolean claimMarks() {
        return false;
    }

    /** Acknowledgements kept to be written with the next delivery mark; none are kept after the call. */
    default List<Long> takeKeptAcknowledgements() {
        return List.of();
    }

    /** A claimed message is about to reach the application: record it for its acknowledgement or commit. */
    default void delivering(RowMessage message, long id) throws JMSException {
    }

    /** The application has the message: receive() returned it or its listener returned. */
    default void delivered(long id) throws JMSException {
    }

    /**
     * True when a message whose listener threw (or called recover()), or whose body receiveBody could not convert,
     * is to be delivered again rather than counted as delivered (AUTO and DUPS_OK, JMS 2.0 8.7).
     */
    default boolean redeliversUnconsumed() {
        return false;
    }

    /** Message.acknowledge() or JMSContext.acknowledge(): meaningful under CLIENT_ACKNOWLEDGE only. */
    default void acknowledge() throws JMSException {
    }

    default void commit() throws JMSException {
        throw new IllegalStateException("commit() needs a transacted session; this one is not transacted");
    }

    default void rollback() throws JMSException {
        throw new IllegalStateException("rollback() needs a transacted session; this one is not transacted");
    }

    /** Session.recover(): the messages delivered and not yet acknowledged come back. */
    default void recover() throws JMSException {
        throw new IllegalStateException("recover() is for non-transacted sessions; use rollback()");
    }

    /** No message is waiting for the session's listeners: work kept for a batch can go now. */
    default void idle() {
    }

    /** The session closes: unfinished work is rolled back, undecided deliveries are returned. */
    default void close() throws JMSException {
    }
}
