package org.rowmq.store;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscription, subscriber and client-ID tables, and the fan-out of published messages into subscriptions.
 * Each public-facing operation runs in one transaction on the caller's connection and locks the subscription row it
 * changes, so JVMs subscribing and unsubscribing at once agree.
 */
final class Subscriptions {

    /** A subscription as the fan-out needs it. */
    record Target(long id, String selector, String noLocal) {
    }

    /**
     * Selectors judged on the publishing thread, before the unit reaches the group committer: per message, per
     * subscription (its id and selector) whether it matches. The fan-out only looks the answers up.
     */
    static final class Selections {
        static final Selections NONE = new Selections();
        private final Map<OutgoingMessage, Map<Target, Boolean>> judged = new IdentityHashMap<>();

        private Boolean get(OutgoingMessage m, Target t) {
            Map<Target, Boolean> answers = judged.get(m);
            return answers == null ? null : answers.get(t);
        }

        /** The subscriptions judged for {@code m} with their answers; empty when none were. */
        Map<Target, Boolean> of(OutgoingMessage m) {
            return judged.getOrDefault(m, Map.of());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);
    /** Beyond this many topics the memory of their subscriptions starts afresh (temporary topics come and go). */
    private static final int MAX_TOPICS_SEEN = 10_000;

    private final Dialect dialect;
    private volatile SubscriptionMatcher matcher;
    /** Each topic's subscriptions with a selector, as the last fan-out read them: the ones a publisher judges up front. */
    private final Map<String, List<Target>> lastSeen = new ConcurrentHashMap<>();

    Subscriptions(Dialect dialect) {
        this.dialect = dialect;
    }

    void setMatcher(SubscriptionMatcher matcher) {
        this.matcher = matcher;
    }

    // ---- fan-out ---------------------------------------------------------------------------------------------

    /**
     * Adds the rows the sends become to {@code into}: a queue message as it is; a topic message as one body and one
     * narrow row per matching subscription, read in the writing transaction (a subscription committed before it gets
     * the message, one created after does not), or nothing when no subscription matches.
     * Cost: one indexed SELECT per topic per {@link Rows}; the rows themselves are written by the caller's batches.
     * The group committer on PostgreSQL writes publishes in one statement instead ({@link PostgresPublish}).
     */
    void fanOut(Connection c, Collection<OutgoingMessage> sends, Rows into, Selections selections) throws SQLException {
        for (OutgoingMessage m : sends) {
            if (!m.topic()) {
                into.addInline(m);
                continue;
            }
            List<Target> targets = into.targets.get(m.destination());
            if (targets == null) {
                targets = targets(c, m.destination());
                into.targets.put(m.destination(), targets);
                remember(m.destination(), targets);
            }
            int body = -1;
            for (Target t : targets) {
                if (!receives(t, m, selections)) continue;
                if (body < 0) body = into.addBody(m.payload());
                into.addNarrow(m.copyTo(Subscription.QUEUE_PREFIX + t.id()), body);
            }
        }
    }

    /** Whether subscription {@code t} receives {@code m}: its noLocal, then its selector (judged up front if it was). */
    boolean receives(Target t, OutgoingMessage m, Selections selections) {
        if (t.noLocal() != null && (t.noLocal().equals(m.publisherConnection())
                || t.noLocal().equals(m.publisherClientId()))) return false;
        if (t.selector() == null) return true;
        Boolean judged = selections.get(m, t);
        // Judged here only for a subscription the publisher did not know of yet.
        return judged != null ? judged : selects(t.selector(), m);
    }

    /**
     * Judges, on the caller's thread, the selectors of the subscriptions last seen on these messages' topics, so that
     * a slow or failing selector holds up its own publisher, not the group commit of every sender in the JVM.
     */
    Selections select(Collection<OutgoingMessage> sends) {
        Selections selections = null;
        for (OutgoingMessage m : sends) {
            if (!m.topic()) continue;
            List<Target> targets = lastSeen.get(m.destination());
            if (targets == null) continue;
            if (selections == null) selections = new Selections();
            Map<Target, Boolean> answers = new HashMap<>();
            for (Target t : targets) answers.put(t, selects(t.selector(), m));
            selections.judged.put(m, answers);
        }
        return selections == null ? Selections.NONE : selections;
    }

    /** Keeps the subscriptions with selectors among {@code targets}, a topic's subscriptions just read, for {@link #select}. */
    void remember(String topic, List<Target> targets) {
        List<Target> withSelectors = targets.stream().filter(t -> t.selector() != null).toList();
        if (withSelectors.isEmpty()) {
            lastSeen.remove(topic);
            return;
        }
        if (lastSeen.size() >= MAX_TOPICS_SEEN) lastSeen.clear();
        lastSeen.put(topic, withSelectors);
    }

    private boolean selects(String selector, OutgoingMessage m) {
        SubscriptionMatcher current = matcher;
        // Without a matcher (a store used without the client layer) a selector cannot be judged: keep the message.
        if (current == null) return true;
        try {
            return current.matches(selector, m);
        } catch (RuntimeException e) {
            log.warn("A subscription's selector '{}' failed on a message published to '{}'; the subscription does not"
                    + " receive it", selector, m.destination(), e);
            return false;
        }
    }

    private static List<Target> targets(Connection c, String topic) throws SQLException {
        List<Target> targets = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, selector, no_local FROM rowmq_subscription WHERE topic = ? ORDER BY id")) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) targets.add(new Target(rs.getLong(1), rs.getString(2), rs.getString(3)));
            }
        }
        return targets;
    }

    // ---- subscribe and unsubscribe ---------------------------------------------------------------------------

    private record Existing(long id, String topic, String selector, String noLocal, boolean shared, int consumers) {
    }

    /**
     * Opens a subscription for one consumer (JMS 2.0, 6.11 and the javadoc of createDurableConsumer and
     * createSharedConsumer): creates it, reuses it, or replaces it when its topic, selector or noLocal changed and
     * nobody consumes it. Caller commits.
     */
    Subscription subscribe(Connection c, SubscriptionSpec spec, String consumerId, String node) throws SQLException, JMSException {
        String clientId = spec.clientId() == null ? "" : spec.clientId();
        String name = spec.name() == null ? "rowmq.consumer." + consumerId : spec.name();
        Existing existing = spec.name() == null ? null : lockExisting(c, clientId, name, spec.durable());
        if (existing != null) {
            String kind = spec.durable() ? "durable subscription" : "shared subscription";
            if (existing.shared() != spec.shared()) {
                throw new JMSException("A " + (existing.shared() ? "shared" : "unshared") + " " + kind + " named '"
                        + name + "'" + forClient(clientId) + " already exists; it cannot be opened as "
                        + (spec.shared() ? "shared" : "unshared"));
            }
            boolean same = existing.topic().equals(spec.topic()) && Objects.equals(existing.selector(), spec.selector())
                    && Objects.equals(existing.noLocal(), spec.noLocal());
            if (!spec.shared() && existing.consumers() > 0) {
                throw new IllegalStateException("The durable subscription '" + name + "'" + forClient(clientId)
                        + " already has an active consumer; close it before opening another");
            }
            if (!same && existing.consumers() > 0) {
                throw new JMSException("The " + kind + " '" + name + "'" + forClient(clientId) + " has active consumers"
                        + " with another topic or selector; close them before changing it");
            }
            if (!same) {
                delete(c, dialect, existing.id());
                existing = null;
            }
        }
        long id = existing != null ? existing.id() : insert(c, spec, clientId, name, node);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rowmq_subscriber (consumer_id, subscription_id, node) VALUES (?, ?, ?)")) {
            ps.setString(1, consumerId);
            ps.setLong(2, id);
            ps.setString(3, node);
            ps.executeUpdate();
        }
        return new Subscription(id, spec.topic());
    }

    private static String forClient(String clientId) {
        return clientId.isEmpty() ? "" : " for client ID '" + clientId + "'";
    }

    private static Existing lockExisting(Connection c, String clientId, String name, boolean durable) throws SQLException {
        long id;
        String topic;
        String selector;
        String noLocal;
        boolean shared;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, topic, selector, no_local, shared FROM rowmq_subscription"
                + " WHERE client_id = ? AND name = ? AND durable = ? FOR UPDATE")) {
            ps.setString(1, clientId);
            ps.setString(2, name);
            ps.setBoolean(3, durable);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                id = rs.getLong(1);
                topic = rs.getString(2);
                selector = rs.getString(3);
                noLocal = rs.getString(4);
                shared = rs.getBoolean(5);
            }
        }
        return new Existing(id, topic, selector, noLocal, shared, consumers(c, id));
    }

    private static int consumers(Connection c, long subscriptionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM rowmq_subscriber WHERE subscription_id = ?")) {
            ps.setLong(1, subscriptionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static long insert(Connection c, SubscriptionSpec spec, String clientId, String name, String node) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rowmq_subscription (topic, name, client_id, durable,"
                + " shared, selector, no_local, owner_node) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new String[]{"id"})) {
            ps.setString(1, spec.topic());
            ps.setString(2, name);
            ps.setString(3, clientId);
            ps.setBoolean(4, spec.durable());
            ps.setBoolean(5, spec.shared());
            ps.setString(6, spec.selector());
            ps.setString(7, spec.noLocal());
            ps.setString(8, spec.durable() ? null : node);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** A consumer closed: it no longer holds the subscription; a non-durable one without consumers goes. */
    void unsubscribeConsumer(Connection c, Subscription s, String consumerId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rowmq_subscriber WHERE consumer_id = ?")) {
            ps.setString(1, consumerId);
            ps.executeUpdate();
        }
        deleteIfAbandoned(c, dialect, s.id());
    }

    /** Deletes a non-durable subscription (and its messages) once no consumer in any JVM holds it. */
    static void deleteIfAbandoned(Connection c, Dialect dialect, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT durable FROM rowmq_subscription WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getBoolean(1)) return;
            }
        }
        if (consumers(c, id) == 0) delete(c, dialect, id);
    }

    /** Session.unsubscribe: deletes a durable subscription that nobody consumes. Caller commits. */
    void unsubscribe(Connection c, String clientId, String name, MessageStore.TopicCheck mayDelete)
            throws SQLException, JMSException {
        String client = clientId == null ? "" : clientId;
        Existing existing = lockExisting(c, client, name, true);
        if (existing == null) {
            throw new InvalidDestinationException("There is no durable subscription named '" + name + "'"
                    + forClient(client) + " to unsubscribe");
        }
        if (existing.consumers() > 0) {
            throw new IllegalStateException("The durable subscription '" + name + "'" + forClient(client)
                    + " has an active consumer (or a transaction of it is not complete); close it before unsubscribing");
        }
        mayDelete.check(existing.topic());
        delete(c, dialect, existing.id());
    }

    /** Deletes a subscription with its rows, and the bodies only they referenced. */
    private static void delete(Connection c, Dialect dialect, long id) throws SQLException {
        Set<Long> bodies = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                dialect.returningBodies("DELETE FROM rowmq_message WHERE destination = ?"))) {
            ps.setString(1, Subscription.QUEUE_PREFIX + id);
            Dialect.readBodies(ps, bodies);
        }
        Bodies.deleteUnreferenced(c, bodies);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rowmq_subscription WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Deletes the subscriptions of a deleted temporary topic. */
    static void deleteForTopic(Connection c, Dialect dialect, String topic) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM rowmq_subscription WHERE topic = ?")) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getLong(1));
            }
        }
        for (long id : ids) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM rowmq_subscriber WHERE subscription_id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            delete(c, dialect, id);
        }
    }

    /** Whether a temporary topic still has subscribers (it may not be deleted then). */
    static boolean hasSubscribers(Connection c, String topic) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM rowmq_subscriber r JOIN rowmq_subscription s"
                + " ON r.subscription_id = s.id WHERE s.topic = ?")) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    /** A dead node's consumers no longer hold their subscriptions, nor its connections their client IDs. */
    static void reap(Connection c, Dialect dialect, String node) throws SQLException {
        List<Long> held = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT subscription_id FROM rowmq_subscriber WHERE node = ?")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) held.add(rs.getLong(1));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rowmq_subscriber WHERE node = ?")) {
            ps.setString(1, node);
            ps.executeUpdate();
        }
        for (long id : held) deleteIfAbandoned(c, dialect, id);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rowmq_client WHERE node = ?")) {
            ps.setString(1, node);
            ps.executeUpdate();
        }
    }

    // ---- client IDs --------------------------------------------------------------------------------------------

    /** Takes a client ID for a connection; InvalidClientIDException when a live connection anywhere holds it. */
    void claimClientId(Connection c, String clientId, String connectionId, String node) throws SQLException, JMSException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rowmq_client (client_id, connection_id, node) VALUES (?, ?, ?)")) {
            ps.setString(1, clientId);
            ps.setString(2, connectionId);
            ps.setString(3, node);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (!Destinations.isDuplicate(e)) throw e;
            throw new InvalidClientIDException("The client ID '" + clientId + "' is in use by another live connection;"
                    + " client IDs are unique among the connections of every JVM sharing the database");
        }
    }

    void releaseClientId(Connection c, String clientId, String connectionId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rowmq_client WHERE client_id = ? AND connection_id = ?")) {
            ps.setString(1, clientId);
            ps.setString(2, connectionId);
            ps.executeUpdate();
        }
    }
}
