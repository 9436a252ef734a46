package org.rowmq.store;

import com.zaxxer.hikari.HikariConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * PostgreSQL: claims in one statement (an UPDATE over a {@code FOR UPDATE SKIP LOCKED} subquery, RETURNING the rows),
 * binds id lists as one array, announces arrivals with {@code pg_notify}, and holds each node's life token as a
 * session-level advisory lock on the connection that listens for those announcements.
 *
 * <p>The claim's LIMIT is written into the statement text, one cached text per batch size: bound as a parameter,
 * PostgreSQL's generic plan turns into a sequential scan (measured: about 40 % of claim throughput lost at one
 * message per claim).
 */
final class PostgresDialect extends Dialect {

    static final String CHANNEL = "rowmq";

    /**
     * The first key of every life token's advisory lock ("RowM"): the two-key form keeps RowMQ's locks apart from an
     * application's one-key advisory locks, and this class apart from its other two-key ones.
     */
    private static final int LIFE_TOKEN_CLASS = 0x526f774d;
    private static final int TAKE_ATTEMPTS = 50;
    private static final long TAKE_PAUSE_MILLIS = 100;

    @Override
    boolean publishesInOneStatement() {
        return true;
    }

    @Override
    boolean writesGroupsInOneStatement() {
        return true;
    }

    @Override
    boolean vacuumsMessageTable() {
        return true;
    }

    @Override
    String schemaFolder() {
        return "postgresql";
    }

    @Override
    String databaseTimeMillis() {
        return "SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
    }

    @Override
    void configurePool(HikariConfig config) {
        // Turns the group committer's JDBC batch into multi-row INSERTs. A value in the user's URL takes precedence
        // over this property in pgjdbc, so a user who set it keeps their choice.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // Plans each prepared statement once per connection (its generic plan) instead of at every execution:
        // planning the group commit's one statement took more of PostgreSQL's CPU than running it (measured on the
        // benchmark's 4 x 4: PostgreSQL's CPU per message 260-330 µs with a plan per execution, 140-170 µs with
        // generic plans). RowMQ's statements are written to have good generic plans: a claim's LIMIT is in its text,
        // and a statement naming rows by id keeps to the primary key (HELD_IN_FLIGHT).
        config.setConnectionInitSql("SET plan_cache_mode = force_generic_plan");
    }

    @Override
    void configureHeldConnection(Properties properties) {
        properties.setProperty("connectTimeout", "10"); // seconds in pgjdbc
        properties.setProperty("tcpKeepAlive", "true");
    }

    @Override
    String deliveryOrder() {
        return "priority DESC, id";
    }

    @Override
    String shareLock() {
        return " FOR SHARE";
    }

    @Override
    int maxIdsPerStatement() {
        return 10_000;
    }

    @Override
    String idIn(String column, int count) {
        return column + " = ANY(?)";
    }

    @Override
    int bindIds(PreparedStatement ps, int index, long[] ids, int from, int to) throws SQLException {
        Long[] boxed = new Long[to - from];
        for (int i = from; i < to; i++) boxed[i - from] = ids[i];
        ps.setArray(index, ps.getConnection().createArrayOf("bigint", boxed));
        return index + 1;
    }

    /**
     * The condition every claim that marks nothing ends with: it makes the claim's own (autocommit) transaction commit
     * without waiting for its WAL to reach the disk ({@code synchronous_commit} off for that transaction only; an
     * uncorrelated subquery, evaluated once per statement). Binds how many rows the claim marks: a claim that marks
     * the message it hands over keeps the server's setting, since the application may see that message with no later
     * commit flushing the mark. No promise rests on a claim that marks nothing being durable: before the application
     * sees such a message, a synchronous commit that follows the claim in the WAL (the delete of AUTO_ACKNOWLEDGE
     * {@code receive}, a delivery mark, an XA prepare, the application's own commit) flushes the claim with it. A claim
     * lost to a database crash or a failover is a row ready again: its message was never delivered, and this node's
     * later mark or delete of it fails as after a lost lease (a mark written ahead skips it instead, the window a lost
     * lease has too: docs/architecture.md, Receive). What it saves is a flush wait per claim on the consumer's
     * path (one of the three on a message's way at low load: send, claim, acknowledgement) and the flush itself.
     */
    static final String RELAXED_COMMIT = "(SELECT set_config('synchronous_commit',"
            + " CASE WHEN ? > 0 THEN current_setting('synchronous_commit') ELSE 'off' END, true)) IS NOT NULL";

    // Cost: one statement, one (autocommit; not flushed when it marks nothing: RELAXED_COMMIT) commit per claimed batch
    // of up to max messages; marking the first rows delivered is a rank over the rows taken (a sort of at most max ids)
    // in the same statement. A grouped row in the ready index costs two index probes more (groupHead()); an ungrouped
    // one only its NULL test.
    @Override
    List<StoredMessage> claimHead(Connection c, String queue, String node, long claim, int marks, long now, int max)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(claimHeadText(max))) {
            ps.setString(1, node);
            ps.setLong(2, claim);
            ps.setInt(3, marks);
            ps.setString(4, queue);
            ps.setLong(5, now);
            ps.setLong(6, now);
            ps.setString(7, node);
            ps.setInt(8, marks);
            return readClaimedRows(ps);
        }
    }

    /**
     * The head claim for batches of {@code max}; binds node, claim id, how many of the first rows to mark delivered,
     * destination, now, now, node.
     */
    String claimHeadText(int max) {
        return text("claim", max, n -> claimUpdate("SELECT id, priority FROM rowmq_message WHERE " + READY + " AND "
                + groupHead() + " ORDER BY priority DESC, id LIMIT " + n + " FOR UPDATE SKIP LOCKED") + CLAIM_COLUMNS);
    }

    /**
     * The UPDATE taking the rows {@code locking} selects and locks (id and priority): in flight under this node and
     * claim (binds node, claim id), the first of them in delivery order marked delivered (binds how many), then the
     * locking query's parameters, then how many again ({@link #RELAXED_COMMIT}), up to RETURNING.
     */
    private static String claimUpdate(String locking) {
        return "UPDATE rowmq_message SET state = " + RowState.IN_FLIGHT + ", owner_node = ?, claim_id = ?,"
                + " delivered = CASE WHEN t.claim_rank <= ? THEN 1 ELSE 0 END"
                + " FROM (SELECT id AS claimed_id, row_number() OVER (ORDER BY priority DESC, id) AS claim_rank FROM ("
                + locking + ") l) t WHERE rowmq_message.id = t.claimed_id AND " + RELAXED_COMMIT + " RETURNING ";
    }

    @Override
    Map<Long, Integer> claimCandidates(Connection c, String queue, String node, long claim, int marks, long now,
                                       long[] ids) throws SQLException {
        Map<Long, Integer> claimed = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(claimUpdate("SELECT id, priority FROM rowmq_message WHERE id = ANY(?)"
                + " AND destination = ? AND state = " + RowState.READY + " AND visible_at <= ? AND " + groupHead()
                + " FOR UPDATE SKIP LOCKED") + "id, delivery_count")) {
            ps.setString(1, node);
            ps.setLong(2, claim);
            ps.setInt(3, marks);
            bindIds(ps, 4, ids, 0, ids.length);
            ps.setString(5, queue);
            ps.setLong(6, now);
            ps.setString(7, node);
            ps.setInt(8, marks);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) claimed.put(rs.getLong(1), rs.getInt(2));
            }
        }
        return claimed;
    }

    @Override
    String stickGroup() {
        return "INSERT INTO rowmq_group (destination, group_id, owner_node) VALUES (?, ?, ?)"
                + " ON CONFLICT (destination, group_id) DO UPDATE SET owner_node = EXCLUDED.owner_node";
    }

    @Override
    String returningBodies(String delete) {
        return delete + " RETURNING body_id, destination";
    }

    /**
     * The acknowledged rows and the bodies only they referenced in one statement: the DELETE of the rows feeds the
     * DELETE of the bodies. Both run on the statement's snapshot, where the rows being deleted still exist, so the
     * bodies' check for remaining references leaves out exactly the rows this statement deleted (not every id asked
     * for: a row this node no longer holds stays, and keeps its body). The portable form takes a second statement,
     * a round trip on the group committer's connection per group that acknowledged subscription rows. Cost: one
     * statement per id list; per body, a probe of the rowmq_body key and one of rowmq_message_body.
     */
    @Override
    int deleteAcknowledged(Connection c, long[] ids, String owner, Map<String, Integer> perDestination)
            throws SQLException {
        return Jdbc.inChunks(ids.length, maxIdsPerStatement(), (from, to) -> {
            try (PreparedStatement ps = c.prepareStatement(DELETE_ACKNOWLEDGED)) {
                ps.setString(1, owner);
                bindIds(ps, 2, ids, from, to);
                int deleted = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        deleted += rs.getInt(2);
                        if (perDestination != null) perDestination.merge(rs.getString(1), rs.getInt(2), Integer::sum);
                    }
                }
                return deleted;
            }
        });
    }

    /**
     * The acknowledgement's two CTEs, {@code d} (the rows, binds owner and the id array) and {@code gone} (the bodies
     * only they referenced); also part of the group's one statement ({@link PostgresGroupWrite}).
     */
    static final String ACKNOWLEDGED_CTES = "d AS (DELETE FROM rowmq_message WHERE " + HELD_IN_FLIGHT
            + " AND id = ANY(?) RETURNING id, body_id, destination),"
            + " gone AS (DELETE FROM rowmq_body WHERE id IN (SELECT body_id FROM d WHERE body_id IS NOT NULL)"
            + " AND NOT EXISTS (SELECT 1 FROM rowmq_message x WHERE x.body_id = rowmq_body.id"
            + " AND x.id NOT IN (SELECT id FROM d)))";

    static final String DELETE_ACKNOWLEDGED = "WITH " + ACKNOWLEDGED_CTES
            + " SELECT destination, CAST(count(*) AS int) FROM d GROUP BY destination";

    @Override
    String deleteExpired(int n) {
        return text("expired", n, k -> "DELETE FROM rowmq_message WHERE id IN (SELECT id FROM rowmq_message"
                + " WHERE expires_at > 0 AND expires_at <= ? AND state = " + RowState.READY + " LIMIT " + k + " FOR UPDATE SKIP LOCKED) RETURNING body_id, destination");
    }

    @Override
    boolean notifies() {
        return true;
    }

    @Override
    void notifyArrivals(Connection c, String payload) throws SQLException {
        sendNotification(c, payload);
    }

    static void sendNotification(Connection c, String payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            ps.setString(1, payload);
            ps.executeQuery().close();
        }
    }

    /** For this transaction only ({@code SET LOCAL}): the pool's connections keep waiting as the application set them. */
    @Override
    void boundLockWaits(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL lock_timeout = '" + HOUSEKEEPING_LOCK_WAIT.toMillis() + "ms'");
        }
    }

    /** Longer than any lock a live session holds in RowMQ's work (a commit of a few thousand rows), far below a lease. */
    static final Duration HOUSEKEEPING_LOCK_WAIT = Duration.ofSeconds(5);

    @Override
    boolean hasLifeTokens() {
        return true;
    }

    /**
     * Tries a few times rather than waiting in {@code pg_advisory_lock}: another node testing the token holds it for
     * an instant, and a wait without end would stall the listener thread if a stale session held it.
     */
    @Override
    boolean takeLifeToken(Connection c, String node) throws SQLException {
        for (int attempt = 0; attempt < TAKE_ATTEMPTS; attempt++) {
            if (queryFlag(c, "SELECT pg_try_advisory_lock(?, ?)", LIFE_TOKEN_CLASS, lifeTokenKey(node))) return true;
            try {
                Thread.sleep(TAKE_PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    // CASE evaluates the unlock only when the try succeeded, so a held token is never touched.
    @Override
    void releaseLifeToken(Connection c, String node) throws SQLException {
        queryFlag(c, "SELECT pg_advisory_unlock(?, ?)", LIFE_TOKEN_CLASS, lifeTokenKey(node));
    }

    /** The postmaster's start in epoch microseconds: a promoted standby, or a restarted server, has another one. */
    @Override
    String serverInstance() {
        return "CAST(EXTRACT(EPOCH FROM pg_postmaster_start_time()) * 1000000 AS BIGINT)";
    }

    @Override
    boolean lifeTokenFree(Connection c, String node) throws SQLException {
        int key = lifeTokenKey(node);
        return queryFlag(c, "SELECT CASE WHEN pg_try_advisory_lock(?, ?) THEN pg_advisory_unlock(?, ?) ELSE false END",
                LIFE_TOKEN_CLASS, key, LIFE_TOKEN_CLASS, key);
    }

    /**
     * The second key: the node id's {@link String#hashCode()}, which the Java language defines alike in every JVM. Two
     * live nodes hashing alike cost nothing but speed: the second cannot take its token and keeps only its lease.
     */
    private static int lifeTokenKey(String node) {
        return node.hashCode();
    }
}
