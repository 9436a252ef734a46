package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * MariaDB (InnoDB, 10.6 or later for SKIP LOCKED). The head is claimed with a locking SELECT in index order and an
 * UPDATE of the locked ids in one transaction; a plain read of the head between them finds the ready rows that SKIP
 * LOCKED passed over, which the claim waits for (see {@link #passedOver}). RowMQ's pool runs READ COMMITTED so that
 * locking reads take no gap locks that would stall the group committer's inserts at the tail of the index. A node's
 * life token is a named lock ({@code GET_LOCK}) held by a connection of its own, except on Galera: named locks are
 * local to one node there, so a JVM on another node would find a live node's token free and reap it; Galera nodes are
 * judged by their lease alone.
 */
final class MariaDbDialect extends Dialect {

    private final boolean galera;

    MariaDbDialect(boolean galera) {
        this.galera = galera;
    }

    /** True on a Galera cluster node (see {@link GaleraSettings}). */
    boolean galera() {
        return galera;
    }

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

    /** MariaDB's error for a lock wait that timed out; only the statement is rolled back (innodb_rollback_on_timeout). */
    private static final int LOCK_WAIT_TIMEOUT = 1205;

    // Cost: three statements (locking SELECT, a plain SELECT of the head, UPDATE; one UPDATE more when only the first
    // rows are marked delivered, one SELECT more when rows ahead were passed over) and one commit per claimed batch.
    // A grouped row costs two index probes more in each SELECT (groupHead()); an ungrouped one only its NULL test.
    @Override
    List<StoredMessage> claimHead(Connection c, String queue, String node, long claim, int marks, long now, int max)
            throws SQLException {
        String sql = text("claim", max, n -> "SELECT " + CLAIM_COLUMNS + " FROM rowmq_message WHERE " + READY
                + " AND " + groupHead() + " ORDER BY " + deliveryOrder() + " LIMIT " + n + " FOR UPDATE SKIP LOCKED");
        return Jdbc.inTransaction(c, () -> {
            List<StoredMessage> rows;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bindReady(ps, 1, queue, node, now);
                rows = readClaimedRows(ps);
            }
            if (rows.isEmpty()) return rows;
            List<StoredMessage> passed = passedOver(c, queue, node, now, rows, max);
            if (!passed.isEmpty()) {
                passed.addAll(rows);
                passed.sort(Claimer.DELIVERY_ORDER);
                // Rows pushed past the batch stay ready: locked by this transaction, unchanged, freed by its commit.
                rows = new ArrayList<>(passed.subList(0, Math.min(max, passed.size())));
            }
            markInFlight(c, node, claim, marks, rows.stream().mapToLong(StoredMessage::id).toArray());
            return rows;
        });
    }

    /**
     * The ready rows ahead of the last row taken (in delivery order) that SKIP LOCKED passed over, locked now after a
     * wait of at most a second; those still ready then are the claim's. InnoDB releases a committing transaction's row
     * locks one at a time, so a claim at that instant finds some of its committed rows locked, and would take the rows
     * behind them first: one consumer would receive a producer's messages out of order. A row passed over because
     * another claim holds it is waited for too, until that claim commits; it is then in flight, not ready, and not
     * taken. A wait that times out (a row held longer) leaves the claim as SKIP LOCKED made it.
     */
    private List<StoredMessage> passedOver(Connection c, String queue, String node, long now, List<StoredMessage> taken,
                                           int max) throws SQLException {
        StoredMessage last = taken.get(taken.size() - 1);
        Set<Long> ids = new HashSet<>();
        for (StoredMessage m : taken) ids.add(m.id());
        List<Long> ahead = new ArrayList<>();
        String head = text("head", max, n -> "SELECT id, priority FROM rowmq_message WHERE " + READY + " AND "
                + groupHead() + " ORDER BY " + deliveryOrder() + " LIMIT " + n);
        try (PreparedStatement ps = c.prepareStatement(head)) {
            bindReady(ps, 1, queue, node, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    int priority = rs.getInt(2);
                    if (priority < last.priority() || (priority == last.priority() && id > last.id())) break;
                    if (!ids.contains(id)) ahead.add(id);
                }
            }
        }
        return lockPassedOver(c, queue, node, now, ahead);
    }

    /** The same wait for a filtered claim's candidates ({@code ids}, in delivery order) that SKIP LOCKED passed over. */
    @Override
    Map<Long, Integer> passedOverCandidates(Connection c, String queue, String node, long now, long[] ids,
                                            Set<Long> taken) throws SQLException {
        int last = ids.length - 1;
        while (last >= 0 && !taken.contains(ids[last])) last--;
        List<Long> ahead = new ArrayList<>();
        for (int i = 0; i < last; i++) if (!taken.contains(ids[i])) ahead.add(ids[i]);
        Map<Long, Integer> counts = new HashMap<>();
        for (StoredMessage m : lockPassedOver(c, queue, node, now, ahead)) counts.put(m.id(), m.deliveryCount());
        return counts;
    }

    /** Those of the rows {@code ahead} still ready, locked after a wait of at most a second; none if it timed out. */
    private List<StoredMessage> lockPassedOver(Connection c, String queue, String node, long now, List<Long> ahead)
            throws SQLException {
        if (ahead.isEmpty()) return new ArrayList<>();
        // By the primary key alone: a locking read through another index would wait for every row it looks at.
        String lock = text("passed", ahead.size(), n -> "SELECT " + CLAIM_COLUMNS + " FROM rowmq_message"
                + " FORCE INDEX (PRIMARY) WHERE " + idIn("id", n) + " AND " + READY + " AND " + groupHead()
                + " FOR UPDATE WAIT 1");
        try (PreparedStatement ps = c.prepareStatement(lock)) {
            int i = bindIds(ps, 1, Jdbc.toArray(ahead), 0, ahead.size());
            bindReady(ps, i, queue, node, now);
            return readClaimedRows(ps);
        } catch (SQLException e) {
            if (e.getErrorCode() == LOCK_WAIT_TIMEOUT) return new ArrayList<>();
            throw e;
        }
    }

    /** Binds {@link #READY}'s and {@link #groupHead()}'s parameters from {@code index}. */
    private static void bindReady(PreparedStatement ps, int index, String queue, String node, long now)
            throws SQLException {
        ps.setString(index, queue);
        ps.setLong(index + 1, now);
        ps.setLong(index + 2, now);
        ps.setString(index + 3, node);
    }

    /**
     * Without it MariaDB probes a group's earlier rows through rowmq_message_claim by destination alone, reading the
     * whole queue per grouped candidate (measured: 1.4 s instead of 67 ms for a claim looking past 2,400 rows).
     */
    @Override
    String groupIndexHint() {
        return " FORCE INDEX (rowmq_message_group)";
    }

    @Override
    String stickGroup() {
        return "INSERT INTO rowmq_group (destination, group_id, owner_node) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE owner_node = VALUES(owner_node)";
    }

    @Override
    String returningBodies(String delete) {
        return delete + " RETURNING body_id, destination";
    }

    @Override
    String deleteExpired(int n) {
        return text("expired", n, k -> "DELETE FROM rowmq_message WHERE expires_at > 0 AND expires_at <= ? AND state = " + RowState.READY
                + " LIMIT " + k + " RETURNING body_id, destination");
    }

    @Override
    boolean hasLifeTokens() {
        return !galera;
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

    /**
     * The server's start, in epoch seconds: another one after a restart, so a plain restart (which frees every token)
     * no longer looks like the death of every node. Uptime is counted from the statement's start, as UNIX_TIMESTAMP()
     * is, so the difference is the same in every statement, not off by one at a second's turn. Read from
     * GLOBAL_STATUS (no privilege needed); only the token's mark and the look for free tokens after an empty claim or
     * a reaper pass pay for it. A clock step makes the server look new: tokens are then not judged, the lease still is.
     */
    @Override
    String serverInstance() {
        return "(SELECT UNIX_TIMESTAMP() - CAST(VARIABLE_VALUE AS SIGNED) FROM information_schema.GLOBAL_STATUS"
                + " WHERE VARIABLE_NAME = 'UPTIME')";
    }

    /** Node ids are RowMQ's own ("node-" pid, 8 hex digits), well within the 64 characters a lock name may have. */
    private static String lifeTokenName(String node) {
        return LIFE_TOKEN_PREFIX + node;
    }
}
