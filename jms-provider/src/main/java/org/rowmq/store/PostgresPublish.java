package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a group's published (topic) messages on PostgreSQL in one statement: it reads the topics' subscriptions,
 * inserts one body per message that any subscription receives and one narrow row per receiving subscription, queues
 * the group's notification to other JVMs (naming the subscription queues it wrote, known only inside the statement),
 * and returns what the caller needs afterwards. The portable path ({@link Subscriptions#fanOut}, then
 * {@link MessageWriter#insert}) takes a SELECT, a body INSERT and one or more row INSERTs (pgjdbc splits a rewritten
 * batch into power-of-two chunks: 10 subscriptions are 2 statements), each a round trip on the group committer's
 * connection.
 *
 * <p>The subscriptions are read by the statement itself, in the writing transaction, as the portable path reads them:
 * a subscription committed before the statement runs gets the message, so one created before a send started gets
 * it, whichever JVM created it. noLocal is compared in SQL. A selector cannot be judged in SQL: the statement takes
 * the (message, subscription) pairs the publishers judged up front ({@link Subscriptions#select}, from the
 * subscriptions last seen on each topic) and returns the topics' subscriptions with selectors; a subscription the
 * publisher did not know of yet is judged here, and its matching messages are written afterwards through the portable
 * path (a second body row for those: a rare case, a subscription with a selector created since the last publish to
 * its topic on this JVM, and each body still goes with its last row).
 *
 * <p>Body ids are drawn from the body table's sequence inside the statement, once per message, so that rows and
 * bodies are joined by the message's position in the group rather than by the order of INSERT ... RETURNING, which
 * PostgreSQL does not promise. Rows are inserted in group order, then subscription order, as the portable path does.
 */
final class PostgresPublish {

    /** A published message with the selectors its publisher judged. */
    record Published(OutgoingMessage message, Subscriptions.Selections selections) {
    }

    /**
     * What the statement did besides its inserts.
     *
     * @param written   the subscription queues that got rows
     * @param announced whether the group's notification (see {@link Arrivals}) went with the statement, naming
     *                  every destination the group wrote; false when rows were written after it
     */
    record Outcome(Set<String> written, boolean announced) {
    }

    /**
     * The publish's common table expressions, also part of a group's one statement ({@link PostgresGroupWrite}): the
     * messages ({@code p}), the topics' subscriptions ({@code s}), the (message, subscription) pairs that receive
     * ({@code t}), the bodies and the rows inserted ({@code pm}, returning their destinations). Binds
     * {@link Publication#bind}'s parameters.
     */
    static final String CTES = "p AS MATERIALIZED (SELECT * FROM unnest(?::varchar[], ?::int[],"
            + " ?::bigint[], ?::bigint[], ?::bytea[], ?::varchar[], ?::int[], ?::varchar[], ?::varchar[]) WITH ORDINALITY"
            + " AS u(topic, priority, visible_at, expires_at, payload, group_id, group_end, conn, client, ord)),"
            + " s AS MATERIALIZED (SELECT id, topic, selector, no_local FROM rowmq_subscription WHERE topic = ANY(?::varchar[])),"
            + " t AS MATERIALIZED (SELECT p.ord, s.id AS sub FROM p JOIN s ON s.topic = p.topic"
            + " WHERE (s.no_local IS NULL OR (s.no_local IS DISTINCT FROM p.conn AND s.no_local IS DISTINCT FROM p.client))"
            + " AND (s.selector IS NULL OR (p.ord, s.id) IN (SELECT * FROM unnest(?::bigint[], ?::bigint[])))),"
            + " b AS MATERIALIZED (SELECT ord, nextval(pg_get_serial_sequence('rowmq_body', 'id')) AS body_id FROM p"
            + " WHERE ord IN (SELECT ord FROM t)),"
            + " bodies AS (INSERT INTO rowmq_body (id, payload) SELECT b.body_id, p.payload FROM b JOIN p USING (ord)),"
            + " pm AS (INSERT INTO rowmq_message (destination, priority, state, visible_at, expires_at, delivery_count,"
            + " body_id, group_id, group_end) SELECT '" + Subscription.QUEUE_PREFIX + "' || t.sub, p.priority, "
            + RowState.READY + ", p.visible_at, p.expires_at, 0, b.body_id, p.group_id, p.group_end"
            + " FROM t JOIN p USING (ord) JOIN b USING (ord) ORDER BY t.ord, t.sub RETURNING destination)";

    /**
     * The rows that tell {@link Publication#read} what the publish did, in five columns (kind, id, destination,
     * selector, no_local): one per subscription queue written ('D'), one per subscription with a selector ('S').
     */
    static final String OUTCOME_ROWS = "SELECT DISTINCT 'D' AS kind, CAST(NULL AS bigint) AS id, destination,"
            + " CAST(NULL AS varchar) AS selector, CAST(NULL AS varchar) AS no_local FROM pm"
            + " UNION ALL SELECT 'S', id, topic, selector, no_local FROM s WHERE selector IS NOT NULL";

    /**
     * The group's notification, a row of the same five columns: its payload so far (binds it) with the subscription
     * queues written appended, or the payload meaning all (binds it) when the first already is that or the whole
     * would be too long. A null payload so far sends none.
     */
    static final String NOTIFICATION_ROW = "SELECT 'N', NULL, NULL, NULL, NULL FROM (SELECT pg_notify('"
            + PostgresDialect.CHANNEL + "',"
            + " CASE WHEN k.head = k.everywhere OR octet_length(k.head || x.queues) > " + Arrivals.MAX_PAYLOAD_BYTES
            + " THEN k.everywhere ELSE k.head || x.queues END) FROM (SELECT CAST(? AS text) AS head,"
            + " CAST(? AS text) AS everywhere) k, (SELECT COALESCE(string_agg(E'\\n' || destination, ''), '') AS queues"
            + " FROM (SELECT DISTINCT destination FROM pm) d) x WHERE k.head IS NOT NULL) n";

    /**
     * True when the publishers judged every subscription with a selector that the statement found, each for every
     * message of its topic ({@link Publication#bindJudged}'s parameters): then the statement wrote every row the group
     * owes. A subscription created since a publisher last looked is not judged; the portable path judges it.
     */
    static final String ALL_JUDGED = "NOT EXISTS (SELECT 1 FROM p JOIN s ON s.topic = p.topic WHERE s.selector IS NOT NULL"
            + " AND NOT EXISTS (SELECT 1 FROM unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[])"
            + " AS j(ord, id, selector, no_local) WHERE j.ord = p.ord AND j.id = s.id AND j.selector = s.selector"
            + " AND j.no_local IS NOT DISTINCT FROM s.no_local))";

    // Cost: one statement (one round trip) per group, whatever the number of messages, topics and subscriptions:
    // one index scan of rowmq_subscription_topic per topic, the inserts, and the group's pg_notify, which otherwise
    // takes a round trip of its own. The final SELECT returns one row per subscription queue written, per
    // subscription with a selector, and one for the notification.
    static final String PUBLISH = "WITH " + CTES + " " + OUTCOME_ROWS + " UNION ALL " + NOTIFICATION_ROW;

    private final Subscriptions subscriptions;

    PostgresPublish(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /**
     * Writes the messages, ready, in the caller's transaction, and queues the group's notification (unless
     * {@code notify} is false: no other node listens): from {@code node}, naming {@code announced} (what the group
     * wrote besides these messages' subscription queues) and the subscription queues written. A message no
     * subscription receives writes nothing.
     */
    Outcome insert(Connection c, MessageWriter writer, List<Published> published, long now, String node,
                   boolean notify, Collection<String> announced) throws SQLException {
        Publication publication = new Publication(published);
        try (PreparedStatement ps = c.prepareStatement(PUBLISH)) {
            int p = publication.bind(c, ps, 1, now);
            ps.setString(p++, notify ? Arrivals.payload(node, announced) : null);
            ps.setString(p, notify ? Arrivals.everywhere(node) : null);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) publication.read(rs);
            }
        }
        remember(publication);
        Rows late = unjudged(published, publication.withSelectors);
        writer.insert(c, late, now);
        Set<String> written = new LinkedHashSet<>(publication.written);
        written.addAll(late.destinations());
        return new Outcome(written, late.isEmpty());
    }

    /** Keeps the subscriptions with selectors the statement found, for the publishers to judge from now on. */
    void remember(Publication publication) {
        publication.withSelectors.forEach(subscriptions::remember);
    }

    /** A group's published messages as a statement's parameters, and what the statement said about them. */
    static final class Publication {
        private final List<Published> published;
        /** The subscription queues that got rows. */
        final Set<String> written = new LinkedHashSet<>();
        /** Per topic published to, its subscriptions with selectors (none: an empty list). */
        final Map<String, List<Subscriptions.Target>> withSelectors = new HashMap<>();

        Publication(List<Published> published) {
            this.published = published;
        }

        /** Binds {@link #CTES}' parameters from {@code index}; returns the next index. */
        int bind(Connection c, PreparedStatement ps, int index, long now) throws SQLException {
            int n = published.size();
            List<OutgoingMessage> messages = new ArrayList<>(n);
            String[] connections = new String[n];
            String[] clients = new String[n];
            List<Long> judgedOrds = new ArrayList<>();
            List<Long> judgedSubscriptions = new ArrayList<>();
            Set<String> distinctTopics = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                Published p = published.get(i);
                OutgoingMessage m = p.message();
                messages.add(m);
                distinctTopics.add(m.destination());
                connections[i] = m.publisherConnection();
                clients[i] = m.publisherClientId();
                for (Map.Entry<Subscriptions.Target, Boolean> judged : p.selections().of(m).entrySet()) {
                    if (!judged.getValue()) continue;
                    judgedOrds.add(i + 1L); // WITH ORDINALITY counts from 1
                    judgedSubscriptions.add(judged.getKey().id());
                }
            }
            for (String topic : distinctTopics) withSelectors.put(topic, new ArrayList<>());
            int p = new MessageArrays(messages, now).bind(ps, index);
            ps.setArray(p++, c.createArrayOf("varchar", connections));
            ps.setArray(p++, c.createArrayOf("varchar", clients));
            ps.setArray(p++, c.createArrayOf("varchar", distinctTopics.toArray(new String[0])));
            ps.setArray(p++, c.createArrayOf("int8", judgedOrds.toArray(new Long[0])));
            ps.setArray(p++, c.createArrayOf("int8", judgedSubscriptions.toArray(new Long[0])));
            return p;
        }

        /** Binds {@link #ALL_JUDGED}'s parameters from {@code index}: every judgement, either way; the next index. */
        int bindJudged(Connection c, PreparedStatement ps, int index) throws SQLException {
            List<Long> ords = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            List<String> selectors = new ArrayList<>();
            List<String> noLocals = new ArrayList<>();
            for (int i = 0; i < published.size(); i++) {
                Published p = published.get(i);
                for (Subscriptions.Target t : p.selections().of(p.message()).keySet()) {
                    ords.add(i + 1L);
                    ids.add(t.id());
                    selectors.add(t.selector());
                    noLocals.add(t.noLocal());
                }
            }
            ps.setArray(index++, c.createArrayOf("int8", ords.toArray(new Long[0])));
            ps.setArray(index++, c.createArrayOf("int8", ids.toArray(new Long[0])));
            ps.setArray(index++, c.createArrayOf("varchar", selectors.toArray(new String[0])));
            ps.setArray(index++, c.createArrayOf("varchar", noLocals.toArray(new String[0])));
            return index;
        }

        /** Takes in a row of {@link #OUTCOME_ROWS}; false for a row of another kind. */
        boolean read(ResultSet rs) throws SQLException {
            String kind = rs.getString(1);
            if ("D".equals(kind)) {
                written.add(rs.getString(3));
                return true;
            }
            if ("S".equals(kind)) {
                withSelectors.get(rs.getString(3)).add(
                        new Subscriptions.Target(rs.getLong(2), rs.getString(4), rs.getString(5)));
                return true;
            }
            return false;
        }
    }

    /**
     * The rows of subscriptions with selectors that the publishers did not judge (created since they last looked) and
     * that receive the message: the statement left them out.
     */
    private Rows unjudged(List<Published> published, Map<String, List<Subscriptions.Target>> withSelectors) {
        Rows late = new Rows();
        for (Published p : published) {
            OutgoingMessage m = p.message();
            Map<Subscriptions.Target, Boolean> judged = p.selections().of(m);
            int body = -1;
            for (Subscriptions.Target t : withSelectors.get(m.destination())) {
                if (judged.containsKey(t) || !subscriptions.receives(t, m, p.selections())) continue;
                if (body < 0) body = late.addBody(m.payload());
                late.addNarrow(m.copyTo(Subscription.QUEUE_PREFIX + t.id()), body);
            }
        }
        return late;
    }
}
