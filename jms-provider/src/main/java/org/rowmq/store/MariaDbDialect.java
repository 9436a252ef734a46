package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * MariaDB (InnoDB, 10.6 or later for SKIP LOCKED). The head is claimed with a locking SELECT in index order and an
 * UPDATE of the locked ids in one transaction. RowMQ's pool runs READ COMMITTED so that locking reads take no gap
 * locks that would stall the group committer's inserts at the tail of the index. A node's life token is a named lock
 * ({@code GET_LOCK}) held by a connection of its own.
 */
final class MariaDbDialect extends Dialect {

    /** Named locks are server-wide, across schemas: the prefix keeps RowMQ's apart from the application's. */
    private static final String LIFE_TOKEN_PREFIX = "rowmq.node.";
    private static final int TAKE_TIMEOUT_SECONDS = 5;

    @Override
    String schemaFolder() {
        return "mariadb";
    }

    @Override
    String databaseTimeMillis() {
        return "SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)";
    }

    @Override
    void configureHeldConnection(Properties properties) {
        properties.setProperty("connectTimeout", "10000"); // milliseconds in MariaDB Connector/J
        properties.setProperty("tcpKeepAlive", "true");
    }

    @Override
    String deliveryOrder() {
        return "destination, state, priority DESC, id";
    }

    @Override
    String shareLock() {
        return " LOCK IN SHARE MODE";
    }

    // Cost: two statements (locking SELECT, UPDATE) and one commit per claimed batch.
    @Override
    List<StoredMessage> claimHead(Connection c, String queue, String node, long now, int max) throws SQLException {
        String sql = text("claim", max, n -> "SELECT " + MESSAGE_COLUMNS + " FROM rowmq_message WHERE " + READY
                + " ORDER BY " + deliveryOrder() + " LIMIT " + n + " FOR UPDATE SKIP LOCKED");
        return Jdbc.inTransaction(c, () -> {
            List<StoredMessage> rows;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, queue);
                ps.setLong(2, now);
                ps.setLong(3, now);
                rows = readMessages(ps);
            }
            if (!rows.isEmpty()) markInFlight(c, node, rows.stream().mapToLong(StoredMessage::id).toArray());
            return rows;
        });
    }

    @Override
    String returningBodies(String delete) {
        return delete + " RETURNING body_id";
    }

    @Override
    String deleteExpired(int n) {
        return text("expired", n, k -> "DELETE FROM rowmq_message WHERE expires_at > 0 AND expires_at <= ? AND state = " + RowState.READY
                + " LIMIT " + k + " RETURNING body_id");
    }

    @Override
    boolean hasLifeTokens() {
        return true;
    }

    @Override
    boolean takeLifeToken(Connection c, String node) throws SQLException {
        return queryFlag(c, "SELECT GET_LOCK(?, ?)", lifeTokenName(node), TAKE_TIMEOUT_SECONDS);
    }

    @Override
    void releaseLifeToken(Connection c, String node) throws SQLException {
        queryFlag(c, "SELECT RELEASE_LOCK(?)", lifeTokenName(node));
    }

    @Override
    boolean lifeTokenFree(Connection c, String node) throws SQLException {
        return queryFlag(c, "SELECT IS_FREE_LOCK(?)", lifeTokenName(node));
    }

    /** Node ids are RowMQ's own ("node-" pid, 8 hex digits), well within the 64 characters a lock name may have. */
    private static String lifeTokenName(String node) {
        return LIFE_TOKEN_PREFIX + node;
    }
}
