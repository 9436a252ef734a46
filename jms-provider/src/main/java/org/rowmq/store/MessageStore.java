package org.rowmq.store;

import jakarta.jms.JMSException;

import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The one door between the JMS objects and the database. Every method maps its failures to the JMS exception the
 * specification names (a database failure is a {@link JMSException} with the {@link java.sql.SQLException} linked
 * and as its cause); nothing above this interface writes SQL, and nothing below it knows about sessions.
 *
 * <p>Times given to the store are relative (time to live, delivery delay, redelivery delay): the store turns them into
 * absolute times on the database's clock, so that JVMs with skewed clocks agree on expiry and visibility.
 *
 * <p>Queue messages carry their delivery state on their own row: "ready", or "in flight" owned by a node. A node that
 * stops heart-beating loses its in-flight rows to the others, with the delivery count raised.
 */
public interface MessageStore extends AutoCloseable {

    /** This JVM's identity in the node table; in-flight rows name it as their owner. */
    String nodeId();

    /**
     * Writes messages outside any transaction, sharing a database commit with other callers (group commit).
     * The future completes when the rows are durable, or exceptionally with a JMSException
     * ({@link jakarta.jms.ResourceAllocationException} when a destination is full and its policy is to fail,
     * {@link jakarta.jms.InvalidDestinationException} for a deleted temporary destination).
     * Messages from one caller are stored in list order, and in call order across calls from one thread.
     */
    CompletableFuture<Void> send(List<OutgoingMessage> messages);

    /**
     * Acknowledges: deletes the given in-flight rows, sharing a commit with other callers. The future completes when
     * the deletion is durable.
     */
    CompletableFuture<Void> acknowledge(Collection<Long> ids);

    /**
     * A transacted session's commit: the sends and the acknowledgements are written in one database transaction,
     * atomically (possibly together with other sessions' commits). Returns when it is durable.
     */
    void commit(List<OutgoingMessage> sends, Collection<Long> acknowledgedIds) throws JMSException;

    /**
     * The same as {@link #commit(List, Collection)}, on a connection the caller holds and commits itself: the store
     * runs its statements there and neither commits nor closes it. Arrival wake-ups for these sends are the caller's
     * to trigger via {@link #announce(Collection)} after its commit.
     */
    void write(Connection connection, List<OutgoingMessage> sends, Collection<Long> acknowledgedIds) throws JMSException;

    /**
     * Claims up to {@code max} ready, visible, unexpired messages of a queue for this node, highest priority first,
     * then oldest, skipping rows other claimers hold. Rows for which {@code filter} is false (a selector; null for
     * none) are left ready for others; the store looks past them. Returned in delivery order.
     */
    List<StoredMessage> claim(String queue, int max, Predicate<StoredMessage> filter) throws JMSException;

    /**
     * Returns in-flight rows of this node to ready. {@code delivered} true means the application saw them (rollback,
     * recover, a listener that threw): their delivery count is raised, the destination's redelivery delay applies, and
     * a row reaching the destination's maximum deliveries moves to its dead-letter queue with the reason recorded.
     * False means they were only prefetched: they go back untouched.
     */
    void release(Collection<Long> ids, boolean delivered) throws JMSException;

    /** Ready messages of a queue, in delivery order, starting after the given position (null: from the start). */
    List<StoredMessage> browse(String queue, BrowsePosition after, int max) throws JMSException;

    /** Settings of a destination; defaults when none were configured. */
    DestinationSettings settings(String destination) throws JMSException;

    /** Stores settings for a destination, visible to every JVM sharing the database. */
    void configure(String destination, DestinationSettings settings) throws JMSException;

    /** Registers a temporary destination owned by this node. */
    void createTemporary(String name) throws JMSException;

    /** Deletes a temporary destination and its messages; later sends to it fail with InvalidDestinationException. */
    void deleteTemporary(String name) throws JMSException;

    /** Number of messages stored for a destination (ready or in flight). For tests, tools and the backlog limit. */
    long depth(String destination) throws JMSException;

    /**
     * Called with the destinations that may have new ready messages: after this JVM's commits and when another JVM
     * announces its commits (PostgreSQL notifications). The listener must not block.
     */
    void setArrivalListener(ArrivalListener listener);

    /** Tells consumers in this and other JVMs that these destinations received messages (after an external commit). */
    void announce(Collection<String> destinations);

    /** True when other JVMs learn of arrivals by notification; false means consumers must poll. */
    boolean notifiesArrivals();

    /** The durable side of XA branches on this store's database; one per shared store, so it also names the resource manager. */
    XABranchStore xaBranches();

    /** Counters for benchmarks (group commit sizes, claim sizes); a store that keeps none returns zeros. */
    default StoreStats stats() {
        return new StoreStats(0, 0, 0, 0, 0);
    }

    /** Releases this reference; the last one to close shuts the shared store down after committing pending work. */
    @Override
    void close();
}
