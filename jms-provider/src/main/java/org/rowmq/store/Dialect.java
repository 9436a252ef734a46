package org.rowmq.store;

import com.zaxxer.hikari.HikariConfig;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * What differs between the databases RowMQ runs on: the schema folder, how a list of ids is bound, how the head of a
 * queue is claimed, and a few clauses. Everything else is plain SQL shared by all three. Names and values are always
 * bound; only numbers the store chooses itself (a LIMIT, a count of placeholders) are written into statement texts,
 * and each such text is built once and cached so that drivers and databases can cache its plan.
 */
abstract class Dialect {

    /**
     * A row's payload: its own, or for a subscription's row (payload NULL) its body's. COALESCE evaluates the
     * subquery only for rows without a payload, so queue messages pay nothing; and a scalar subquery, unlike a join,
     * leaves the claim's plan on rowmq_message's ready-rows index and takes no lock on the body when the outer query
     * locks (several subscriptions' claimers share one body).
     */
    static final String PAYLOAD = "COALESCE(payload, (SELECT b.payload FROM rowmq_body b WHERE b.id = body_id))";

    /** The columns a {@link StoredMessage} is read from, in {@link #readMessage(ResultSet)} order. */
    static final String MESSAGE_COLUMNS =
            "id, destination, priority, delivery_count, original_destination, dead_letter_reason, expires_at, " + PAYLOAD;

    /**
     * {@link #MESSAGE_COLUMNS} with only the start of the payload, then the payload's length: what a filtered claim
     * reads of the rows it looks past.
     */
    static final String HEAD_COLUMNS = "id, destination, priority, delivery_count, original_destination,"
            + " dead_letter_reason, expires_at, SUBSTRING(" + PAYLOAD + " FROM 1 FOR " + Claimer.HEAD_BYTES + "),"
            + " OCTET_LENGTH(" + PAYLOAD + ")";

    /** Ready, visible and unexpired rows of one queue; binds destination, now, now. */
    static final String READY =
            "destination = ? AND state = " + RowState.READY + " AND visible_at <= ? AND (expires_at = 0 OR expires_at > ?)";

    /** A ready row; binds destination, priority, visible_at, expires_at, payload. */
    static final String INSERT_MESSAGE = "INSERT INTO rowmq_message"
            + " (destination, priority, state, visible_at, expires_at, delivery_count, payload)"
            + " VALUES (?, ?, " + RowState.READY + ", ?, ?, 0, ?)";

    /** The same with body_id as the sixth parameter, for batches holding subscription rows. */
    static final String INSERT_MESSAGE_WITH_BODY = "INSERT INTO rowmq_message"
            + " (destination, priority, state, visible_at, expires_at, delivery_count, payload, body_id)"
            + " VALUES (?, ?, " + RowState.READY + ", ?, ?, 0, ?, ?)";

    private final Map<String, String> texts = new ConcurrentHashMap<>();

    static Dialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        return switch (product) {
            case "H2" -> new H2Dialect();
            case "PostgreSQL" -> new PostgresDialect();
            case "MariaDB" -> new MariaDbDialect();
            default -> throw new SQLException("RowMQ supports H2, PostgreSQL and MariaDB, not " + product);
        };
    }

    /** The folder under org/rowmq/store/schema holding this database's migrations. */
    abstract String schemaFolder();

    /** A query returning the database's current time as epoch milliseconds. */
    abstract String databaseTimeMillis();

    /** Settings RowMQ's own pool needs on this database (the user's URL settings win). */
    void configurePool(HikariConfig config) {
    }

    /**
     * Driver properties of a connection RowMQ holds open outside its pool (see {@link LifeToken}): a bounded connect
     * time and TCP keep-alive, so that a dead peer is noticed. Each driver states the timeout in its own unit.
     */
    void configureHeldConnection(Properties properties) {
    }

    /** The ORDER BY list giving delivery order in a way this database serves from its claim index. */
    abstract String deliveryOrder();

    /** A locking clause that keeps a row from being deleted while this transaction runs. */
    abstract String shareLock();

    // ---- id lists ----------------------------------------------------------------------------------------------

    /** The most ids one statement takes. */
    int maxIdsPerStatement() {
        return 512;
    }

    /**
     * A condition on {@code column} matching {@code count} ids. The default pads the IN list to a power of two so that
     * a handful of statement texts serve every count.
     */
    String idIn(String column, int count) {
        return inList(column, count);
    }

    /** Binds ids[from, to) for {@link #idIn}; returns the next parameter index. */
    int bindIds(PreparedStatement ps, int index, long[] ids, int from, int to) throws SQLException {
        return bindInList(ps, index, ids, from, to);
    }

    /** The portable form of {@link #idIn}, for code that runs without a dialect; at most 512 ids. */
    static String inList(String column, int count) {
        return column + " IN (" + "?, ".repeat(paddedCount(count) - 1) + "?)";
    }

    /** Binds ids[from, to) for {@link #inList}; returns the next parameter index. */
    static int bindInList(PreparedStatement ps, int index, long[] ids, int from, int to) throws SQLException {
        int padded = paddedCount(to - from);
        for (int i = 0; i < padded; i++) {
            ps.setLong(index++, ids[Math.min(from + i, to - 1)]);
        }
        return index;
    }

    private static int paddedCount(int count) {
        return count <= 1 ? 1 : Integer.highestOneBit(count - 1) << 1;
    }

    // ---- claims ------------------------------------------------------------------------------------------------

    /**
     * Claims up to {@code max} ready rows at the head of a queue for {@code node} and commits; returned in any order.
     * Null means this database claims the head through {@link #claimCandidates} on read pages instead.
     */
    abstract List<StoredMessage> claimHead(Connection c, String queue, String node, long now, int max) throws SQLException;

    /**
     * Claims those of the candidate ids that are still ready and visible in {@code queue} and not locked by another
     * claimer, and commits. Returns the claimed ids with their current delivery counts.
     */
    Map<Long, Integer> claimCandidates(Connection c, String queue, String node, long now, long[] ids) throws SQLException {
        return Jdbc.inTransaction(c, () -> {
            Map<Long, Integer> claimed = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, delivery_count FROM rowmq_message WHERE "
                    + idIn("id", ids.length) + " AND destination = ? AND state = " + RowState.READY + " AND visible_at <= ? FOR UPDATE SKIP LOCKED")) {
                int i = bindIds(ps, 1, ids, 0, ids.length);
                ps.setString(i++, queue);
                ps.setLong(i, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) claimed.put(rs.getLong(1), rs.getInt(2));
                }
            }
            if (!claimed.isEmpty()) markInFlight(c, node, claimed.keySet().stream().mapToLong(Long::longValue).toArray());
            return claimed;
        });
    }

    /** Marks locked rows in flight for {@code node}, inside the caller's transaction. */
    void markInFlight(Connection c, String node, long[] ids) throws SQLException {
        updateIds(c, "UPDATE rowmq_message SET state = " + RowState.IN_FLIGHT + ", owner_node = ? WHERE ", ids, ps -> {
            ps.setString(1, node);
            return 2;
        });
    }

    /** Binds the parameters before the id list; returns the index of the first id parameter. */
    @FunctionalInterface
    interface Parameters {
        int bind(PreparedStatement ps) throws SQLException;
    }

    /**
     * Runs {@code statement} followed by the id condition over all ids, in as few statements as the dialect allows.
     * Returns the rows changed.
     */
    int updateIds(Connection c, String statement, long[] ids, Parameters head) throws SQLException {
        return Jdbc.inChunks(ids.length, maxIdsPerStatement(), (from, to) -> {
            try (PreparedStatement ps = c.prepareStatement(statement + idIn("id", to - from))) {
                bindIds(ps, head.bind(ps), ids, from, to);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * {@code delete} (a DELETE on rowmq_message) as a query returning the body_id of each deleted row, so that the
     * bodies they referenced can go in the same transaction without another read. Still one statement.
     */
    abstract String returningBodies(String delete);

    /**
     * Like {@link #updateIds} for a DELETE on rowmq_message; adds the body ids of the deleted subscription rows to
     * {@code bodies} and returns the number of rows deleted.
     */
    int deleteIds(Connection c, String statement, long[] ids, Parameters head, Set<Long> bodies) throws SQLException {
        int deleted = Jdbc.inChunks(ids.length, maxIdsPerStatement(), (from, to) -> {
            try (PreparedStatement ps = c.prepareStatement(returningBodies(statement + idIn("id", to - from)))) {
                bindIds(ps, head.bind(ps), ids, from, to);
                return readBodies(ps, bodies);
            }
        });
        return deleted;
    }

    /** Runs a statement from {@link #returningBodies}; returns the rows deleted, adding their body ids to bodies. */
    static int readBodies(PreparedStatement ps, Set<Long> bodies) throws SQLException {
        int deleted = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                deleted++;
                long body = rs.getLong(1);
                if (!rs.wasNull()) bodies.add(body);
            }
        }
        return deleted;
    }

    // ---- pages in delivery order (no locks) ---------------------------------------------------------------------

    /** The first {@code n} ready rows; binds destination, now, now. With {@code heads}, {@link #HEAD_COLUMNS}. */
    String firstPage(int n, boolean heads) {
        return text(heads ? "first-heads" : "first", n, k -> "SELECT " + (heads ? HEAD_COLUMNS : MESSAGE_COLUMNS)
                + " FROM rowmq_message WHERE " + READY + " ORDER BY " + deliveryOrder() + " LIMIT " + k);
    }

    /** Ready rows of the same priority after an id; binds destination, now, now, priority, id. */
    String samePriorityPage(int n, boolean heads) {
        return text(heads ? "same-heads" : "same", n, k -> "SELECT " + (heads ? HEAD_COLUMNS : MESSAGE_COLUMNS)
                + " FROM rowmq_message WHERE " + READY + " AND priority = ? AND id > ? ORDER BY " + deliveryOrder()
                + " LIMIT " + k);
    }

    /** Ready rows of lower priority; binds destination, now, now, priority. */
    String lowerPriorityPage(int n, boolean heads) {
        return text(heads ? "lower-heads" : "lower", n, k -> "SELECT " + (heads ? HEAD_COLUMNS : MESSAGE_COLUMNS)
                + " FROM rowmq_message WHERE " + READY + " AND priority < ? ORDER BY " + deliveryOrder() + " LIMIT " + k);
    }

    /** Deletes at most {@code n} expired ready rows, returning their body ids (see {@link #returningBodies}); binds now. */
    abstract String deleteExpired(int n);

    /** At most {@code n} body ids after a given one, in id order; binds the id. */
    String bodiesAfter(int n) {
        return text("bodies", n, k -> "SELECT id FROM rowmq_body WHERE id > ? ORDER BY id LIMIT " + k);
    }

    // ---- arrivals ----------------------------------------------------------------------------------------------

    /** True when this database can tell other JVMs of arrivals. */
    boolean notifies() {
        return false;
    }

    /** Queues a notification inside the caller's transaction; delivered to listeners at its commit. */
    void notifyArrivals(Connection c, String payload) throws SQLException {
        throw new UnsupportedOperationException("no notifications on " + getClass().getSimpleName());
    }

    // ---- life tokens -------------------------------------------------------------------------------------------

    /**
     * True when this database can hold a token of a node's life: a lock held by a session, which the server releases
     * by itself when that session ends (the JVM died, or its connection dropped). Without one, only the lease tells.
     */
    boolean hasLifeTokens() {
        return false;
    }

    /**
     * Takes {@code node}'s life token on {@code c}, to be held for as long as that session lives. False when it could
     * not be taken within a few seconds (another session holds it: a node testing it at that instant, or a node whose
     * id hashes alike); the caller may try again.
     */
    boolean takeLifeToken(Connection c, String node) throws SQLException {
        return false;
    }

    /**
     * True when no session holds {@code node}'s life token, so the session that took it has ended. Takes nothing: a
     * token found free is released again at once.
     */
    boolean lifeTokenFree(Connection c, String node) throws SQLException {
        return false;
    }

    /** Gives back {@code node}'s life token held on {@code c}, before c goes back to a pool or closes. */
    void releaseLifeToken(Connection c, String node) throws SQLException {
    }

    /** Runs a query returning one boolean (or 0/1) column, with the given bound parameters. */
    static boolean queryFlag(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) ps.setObject(i + 1, parameters[i]);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    final String text(String kind, int n, IntFunction<String> build) {
        return texts.computeIfAbsent(kind + n, key -> build.apply(n));
    }

    static StoredMessage readMessage(ResultSet rs) throws SQLException {
        return new StoredMessage(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getBytes(8));
    }

    static List<StoredMessage> readMessages(PreparedStatement ps) throws SQLException {
        List<StoredMessage> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) result.add(readMessage(rs));
        }
        return result;
    }
}
