package org.rowmq.store;

import com.zaxxer.hikari.HikariConfig;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    // Cost: one statement, one (autocommit) commit per claimed batch of up to max messages.
    @Override
    List<StoredMessage> claimHead(Connection c, String queue, String node, long now, int max) throws SQLException {
        String sql = text("claim", max, n -> "UPDATE rowmq_message SET state = " + RowState.IN_FLIGHT + ", owner_node = ? WHERE id IN ("
                + "SELECT id FROM rowmq_message WHERE " + READY + " ORDER BY priority DESC, id LIMIT " + n
                + " FOR UPDATE SKIP LOCKED) RETURNING " + MESSAGE_COLUMNS);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, node);
            ps.setString(2, queue);
            ps.setLong(3, now);
            ps.setLong(4, now);
            return readMessages(ps);
        }
    }

    @Override
    Map<Long, Integer> claimCandidates(Connection c, String queue, String node, long now, long[] ids) throws SQLException {
        Map<Long, Integer> claimed = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE rowmq_message SET state = " + RowState.IN_FLIGHT + ", owner_node = ? WHERE id IN ("
                + "SELECT id FROM rowmq_message WHERE id = ANY(?) AND destination = ? AND state = " + RowState.READY + " AND visible_at <= ?"
                + " FOR UPDATE SKIP LOCKED) RETURNING id, delivery_count")) {
            ps.setString(1, node);
            bindIds(ps, 2, ids, 0, ids.length);
            ps.setString(3, queue);
            ps.setLong(4, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) claimed.put(rs.getLong(1), rs.getInt(2));
            }
        }
        return claimed;
    }

    @Override
    String returningBodies(String delete) {
        return delete + " RETURNING body_id";
    }

    @Override
    String deleteExpired(int n) {
        return text("expired", n, k -> "DELETE FROM rowmq_message WHERE id IN (SELECT id FROM rowmq_message"
                + " WHERE expires_at > 0 AND expires_at <= ? AND state = " + RowState.READY + " LIMIT " + k + " FOR UPDATE SKIP LOCKED) RETURNING body_id");
    }

    @Override
    boolean notifies() {
        return true;
    }

    @Override
    void notifyArrivals(Connection c, String payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            ps.setString(1, payload);
            ps.executeQuery().close();
        }
    }

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
