package org.rowmq.store;

import jakarta.jms.JMSException;

import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The one door between the JMS objects and the database. Every method maps its failures to the JMS exception the
 * specification names (a database failure is a {@link JMSException} with the {@link java.sql.SQLException} linked
 * and as its cause); nothing above this interface writes SQL, and nothing below it knows about sessions.
 *
 * <p>Times given to the store are relative (time to live, delivery delay, redelivery delay): the store turns them into
 * absolute times on the database's clock, so that JVMs with skewed clocks agree on expiry and visibility.
 *
 * <p>One store serves a configuration in a JVM; its users hold it through {@link SharedStore} references from
 * {@link Stores#open}, and the last reference to close shuts it down.
 *
 * <p>Queue messages carry their delivery state on their own row: "ready", or "in flight" owned by a node. A node that
 * stops heart-beating loses its in-flight rows to the others: those marked delivered ({@link #markDelivered}) with
 * the delivery count raised, the others untouched.
 */
public interface MessageStore {

    /** This JVM's identity in the node table; in-flight rows name it as their owner. */
    String nodeId();

    /**
     * A new place in the group commit for a caller whose writes must keep their order (a session, for its life): the
     * writes given it are committed, and their futures completed, in call order; writes of other orders may commit at
     * the same time on other connections.
     */
    WriteOrder writeOrder();

    /**
     * Writes messages outside any transaction, sharing a database commit with other callers (group commit).
     * The future completes when the rows are durable, or exceptionally with a JMSException
     * ({@link jakarta.jms.ResourceAllocationException} when a destination is full and its policy is to fail,
     * {@link jakarta.jms.InvalidDestinationException} for a deleted temporary destination).
     * Messages from one call are stored in list order, and across calls in call order of {@code order}.
     */
    CompletableFuture<Void> send(WriteOrder order, List<OutgoingMessage> messages);

    /** {@link #send(WriteOrder, List)} in the order shared by every caller that brings none of its own. */
    CompletableFuture<Void> send(List<OutgoingMessage> messages);

    /**
     * Acknowledges: deletes the given in-flight rows, sharing a commit with other callers, after the earlier writes of
     * {@code order}. The future completes when the deletion is durable.
     */
    CompletableFuture<Void> acknowledge(WriteOrder order, Collection<Long> ids);

    /** {@link #acknowledge(WriteOrder, Collection)} in the order shared by every caller that brings none of its own. */
    CompletableFuture<Void> acknowledge(Collection<Long> ids);

    /**
     * Records that in-flight messages of this node are delivered: the application is about to see them (receive is
     * to return them, or their listener to be called). Written, and durable, before it sees them, so that a JVM that
     * dies from then on has them come back flagged redelivered with their delivery count raised, while the messages it
     * held only in its prefetch come back untouched. {@code acknowledged} rows are deleted in the same transaction
     * (an acknowledgement the session kept for this write, see AUTO_ACKNOWLEDGE listeners); both share a group
     * commit with other callers, after the earlier writes of {@code order}. The future completes when durable, or
     * exceptionally with a JMSException, also when a message is no longer held by this node (presumed dead meanwhile):
     * it must then not be handed to the application.
     * {@code ahead} are messages marked before they are delivered, to spare their own marks later (a consumer that
     * may see some flagged redelivered after a crash without having delivered them, DUPS_OK_ACKNOWLEDGE): those no
     * longer held are skipped, not failed.
     */
    CompletableFuture<Void> markDelivered(WriteOrder order, Collection<Long> delivered, Collection<Long> ahead,
                                          Collection<Long> acknowledged);

    /**
     * {@link #markDelivered(WriteOrder, Collection, Collection, Collection)} in the order shared by every caller that
     * brings none of its own.
     */
    CompletableFuture<Void> markDelivered(Collection<Long> delivered, Collection<Long> ahead, Collection<Long> acknowledged);

    /**
     * A transacted session's commit: the sends and the acknowledgements are written in one database transaction,
     * atomically (possibly together with other sessions' commits), after the earlier writes of {@code order}, marking
     * {@code ahead} delivered in the same transaction: in-flight messages the session is likely to deliver next, so
     * that their own marks ({@link #markDelivered}) are spared; those no longer held are skipped. Returns when it is
     * durable.
     */
    void commit(WriteOrder order, List<OutgoingMessage> sends, Collection<Long> acknowledgedIds, Collection<Long> ahead)
            throws JMSException;

    /** {@link #commit(WriteOrder, List, Collection, Collection)} with nothing ahead, in the shared order. */
    void commit(List<OutgoingMessage> sends, Collection<Long> acknowledgedIds) throws JMSException;

    /**
     * The same as {@link #commit(List, Collection)}, on a connection the caller holds and commits itself: the store
     * runs its statements there and neither commits nor closes it. Arrival wake-ups for these sends are the caller's
     * to trigger via {@link #announce(Collection)} after its commit.
     */
    void write(Connection connection, List<OutgoingMessage> sends, Collection<Long> acknowledgedIds) throws JMSException;

    /**
     * Claims up to {@code max} ready, visible, unexpired messages of a queue for this node, highest priority first,
     * then oldest, skipping rows other claimers hold. Rows {@code filter} does not match (a selector; null for none)
     * are left ready for others; the store looks past them, a bounded number per call, starting after {@code from}
     * (null: the head), and says where the next call of the same consumers is to resume. Returned in delivery order.
     */
    default Claimed claim(String queue, int max, ClaimFilter filter, BrowsePosition from) throws JMSException {
        return claim(queue, max, filter, from, 0);
    }

    /**
     * {@link #claim(String, int, ClaimFilter, BrowsePosition)} that also marks the first {@code marks} messages it takes
     * (in delivery order) delivered, as {@link #markDelivered} would, in the claim's own statement: for consumers about
     * to mark them anyway. {@link Claimed#marked()} says how many it marked; a filtered claim marks none.
     */
    Claimed claim(String queue, int max, ClaimFilter filter, BrowsePosition from, int marks) throws JMSException;

    /** {@link #claim(String, int, ClaimFilter, BrowsePosition)} from the head of the queue. */
    default List<StoredMessage> claim(String queue, int max, ClaimFilter filter) throws JMSException {
        return claim(queue, max, filter, null).messages();
    }

    /**
     * This node's last consumer of a queue (or subscription queue) closed: the message groups that stuck to this node
     * there may go to consumers in other JVMs. Messages of them still in flight here keep holding their groups back
     * until they are acknowledged or returned.
     */
    void releaseGroups(String queue) throws JMSException;

    /**
     * Returns in-flight rows of this node to ready. {@code delivered} true means the application saw them (rollback,
     * recover, a listener that threw): their delivery count is raised, the destination's redelivery delay applies, and
     * a row reaching the destination's maximum deliveries moves to its dead-letter queue with the reason recorded.
     * False means they were only prefetched: they go back untouched.
     */
    void release(Collection<Long> ids, boolean delivered) throws JMSException;

    /**
     * Whether a message this node holds (claimed, perhaps waiting in a prefetch) has outlived its time to live, on the
     * database's clock as the store estimates it: the same clock the claim judged by, whatever the sender's or this
     * JVM's clocks say. An expired message is to be acknowledged (discarded), not delivered.
     */
    boolean expired(StoredMessage message);

    /**
     * Counts a message handed to the application (a receive returns it, or a listener is given it) in the delivery
     * metrics. Claims are not deliveries: a prefetched message that goes back untouched is never counted. In memory
     * only, no statement.
     */
    default void countDelivery(StoredMessage message) {
    }

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

    /**
     * Opens a topic subscription for one consumer: creates it, reuses an existing one of the same name, or replaces
     * it when its topic, selector or noLocal changed and nobody consumes it (JMS 2.0 rules; IllegalStateException when
     * an unshared durable subscription already has an active consumer). Its messages are claimed from
     * {@link Subscription#queue()} like a queue's.
     */
    Subscription subscribe(SubscriptionSpec spec, String consumerId) throws JMSException;

    /** A consumer of a subscription closed; a non-durable subscription without consumers is deleted. */
    void unsubscribeConsumer(Subscription subscription, String consumerId) throws JMSException;

    /** Deletes a durable subscription; InvalidDestinationException if none, IllegalStateException while consumed. */
    void unsubscribe(String clientId, String name) throws JMSException;

    /**
     * The same, after {@code mayDelete} accepted the subscription's topic (it throws to refuse, e.g. a
     * JMSSecurityException); nothing is deleted when it refuses.
     */
    void unsubscribe(String clientId, String name, TopicCheck mayDelete) throws JMSException;

    /** A check on a topic that refuses by throwing. */
    @FunctionalInterface
    interface TopicCheck {
        void check(String topic) throws JMSException;
    }

    /** Takes a client ID for a connection, unique across JVMs; InvalidClientIDException when taken. */
    void claimClientId(String clientId, String connectionId) throws JMSException;

    void releaseClientId(String clientId, String connectionId) throws JMSException;

    /** Whether any consumer in any JVM subscribes to the topic (a temporary topic may not be deleted then). */
    boolean hasSubscribers(String topic) throws JMSException;

    /** How the store decides whether a published message matches a subscription's selector. */
    void setSubscriptionMatcher(SubscriptionMatcher matcher);

    // ---- the application's own transaction ---------------------------------------------------------------------

    /**
     * Fails, with a JMSException that says what to change, unless {@code connection} reaches this store's tables (the
     * same database and schema). It does not disturb the connection's transaction, whatever the outcome.
     */
    void checkApplicationConnection(Connection connection) throws JMSException;

    /**
     * Arranges that consumers in every JVM (this one included) hear of arrivals on these destinations when the
     * caller's transaction on {@code connection} commits: on PostgreSQL a NOTIFY queued in that transaction, which
     * the database delivers at commit and drops at rollback. Elsewhere nothing is queued, and consumers find the
     * messages at their next poll.
     */
    void announceAtCommit(Connection connection, Collection<String> destinations) throws JMSException;

    /**
     * Settles in-flight rows of this node that were deleted ({@link #write} acknowledgements) on a connection the
     * application commits itself, without waiting for that transaction: rows gone were acknowledged by its commit;
     * rows still in flight here and not locked came back with its rollback and are released as delivered (delivery
     * count raised, redelivery delay, dead-letter queue past the maximum); rows still locked belong to a transaction
     * that is still open. Returns the ids of those, to be settled later.
     */
    Set<Long> settle(Collection<Long> ids) throws JMSException;

    /** The durable side of XA branches on this store's database; one per shared store, so it also names the resource manager. */
    XABranchStore xaBranches();

    /**
     * Records the store's metrics into the application's Micrometer registry (an
     * {@code io.micrometer.core.instrument.MeterRegistry}, typed Object so that applications without Micrometer need
     * none) instead of the default JMX MBeans. A store that keeps no metrics ignores it.
     */
    default void useMeterRegistry(Object meterRegistry) {
    }

    /** Counters for benchmarks (group commit sizes, claim sizes); a store that keeps none returns zeros. */
    default StoreStats stats() {
        return new StoreStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
