package org.rowmq.store;

import com.zaxxer.hikari.HikariConfig;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
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

    /** {@link #MESSAGE_COLUMNS} and the message group: what a claim reads, in {@link #readClaimed(ResultSet)} order. */
    static final String CLAIM_COLUMNS = MESSAGE_COLUMNS + ", group_id, group_end";

    /**
     * {@link #CLAIM_COLUMNS} with only the start of the payload, then the payload's length: what a filtered claim
     * reads of the rows it looks past.
     */
    static final String HEAD_COLUMNS = "id, destination, priority, delivery_count, original_destination,"
            + " dead_letter_reason, expires_at, SUBSTRING(" + PAYLOAD + " FROM 1 FOR " + Claimer.HEAD_BYTES + "),"
            + " group_id, group_end, OCTET_LENGTH(" + PAYLOAD + ")";

    /** Ready, visible and unexpired rows of one queue; binds destination, now, now. */
    static final String READY =
            "destination = ? AND state = " + RowState.READY + " AND visible_at <= ? AND (expires_at = 0 OR expires_at > ?)";

    /**
     * Rows the node bound here holds in flight, for statements that also name their rows by id: there the ids must
     * select the rows (the primary key), not the node. {@code state + 0} keeps PostgreSQL from proving the predicate
     * of its partial in-flight index: a generic plan (RowMQ's pool uses only those on PostgreSQL) costed on statistics
     * from a moment the node held few rows in flight scans that index, every row the node holds, instead. Measured:
     * 540 buffers for 5 ids with 2,700 rows in flight, 28 on the primary key; in the benchmark's 4 x 4 the group
     * commit's statement went from 70 to 480 µs after an ANALYZE, and the throughput fell by 40 %.
     */
    static final String HELD_IN_FLIGHT = "owner_node = ? AND state + 0 = " + RowState.IN_FLIGHT;

    /** A ready row; binds destination, priority, visible_at, expires_at, payload. */
    static final String INSERT_MESSAGE = "INSERT INTO rowmq_message"
            + " (destination, priority, state, visible_at, expires_at, delivery_count, payload)"
            + " VALUES (?, ?, " + RowState.READY + ", ?, ?, 0, ?)";

    /** The same with body_id as the sixth parameter, for batches holding subscription rows. */
    static final String INSERT_MESSAGE_WITH_BODY = "INSERT INTO rowmq_message"
            + " (destination, priority, state, visible_at, expires_at, delivery_count, payload, body_id)"
            + " VALUES (?, ?, " + RowState.READY + ", ?, ?, 0, ?, ?)";

    /**
     * The claim's condition that a ready row is deliverable as far as message groups go; binds the claiming node. An
     * ungrouped row passes on its NULL group_id alone. A grouped row must be the head of its group in its queue (no
     * earlier row of the group ready, however far off its visibility, in flight or held by a prepared XA receive:
     * one index probe on rowmq_message_group, which stops at the group's first row) and its group must not stick to
     * another node (one primary-key probe on rowmq_group). Priority does not reorder a group: "earlier" is by id. An
     * earlier ready row that has expired still holds the group back until the expiry sweep deletes it, so no claimer
     * whose clock estimate differs by a millisecond can pass it while another delivers it.
     */
    final String groupHead() {
        // Not through text(): it is called inside text()'s own computations, which must not nest.
        String built = groupHead;
        if (built == null) groupHead = built = buildGroupHead();
        return built;
    }

    private String buildGroupHead() {
        return ("(group_id IS NULL OR (NOT EXISTS (SELECT 1 FROM rowmq_message e"
                + groupIndexHint() + " WHERE e.group_id = rowmq_message.group_id"
                + " AND e.destination = rowmq_message.destination AND e.id < rowmq_message.id AND e.state IN ("
                + RowState.READY + ", " + RowState.IN_FLIGHT + ", " + RowState.HELD_ACK + "))"
                + " AND NOT EXISTS (SELECT 1 FROM rowmq_group g WHERE g.destination = rowmq_message.destination"
                + " AND g.group_id = rowmq_message.group_id AND g.owner_node <> ?)))");
    }

    /** An index hint for {@link #groupHead()}'s probe of a group's earlier rows, where the planner needs one. */
    String groupIndexHint() {
        return "";
    }

    private final Map<String, String> texts = new ConcurrentHashMap<>();

    /** {@link #groupHead()} once built; a race builds the same text twice at worst. */
    private volatile String groupHead;

    /**
     * An INSERT INTO rowmq_message of this class (a column list, then one VALUES list ending the text) that also
     * writes group_id and group_end, bound after its own parameters.
     */
    static String withGroups(String insert) {
        int values = insert.indexOf(") VALUES (");
        if (values < 0 || !insert.endsWith(")")) throw new IllegalArgumentException("not a one-row INSERT: " + insert);
        return insert.substring(0, values) + ", group_id, group_end" + insert.substring(values, insert.length() - 1)
                + ", ?, ?)";
    }

    static Dialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        return switch (product) {
            case "H2" -> new H2Dialect();
            case "PostgreSQL" -> new PostgresDialect();
            case "MariaDB" -> new MariaDbDialect(GaleraSettings.replicates(metaData.getConnection()));
            default -> throw new SQLException("RowMQ supports H2, PostgreSQL and MariaDB, not " + product);
        };
    }

    /**
     * True when a group's published messages are written in one statement ({@link PostgresPublish}) rather than by
     * the portable fan-out.
     */
    boolean publishesInOneStatement() {
        return false;
    }

    /**
     * True when a group commit's queue sends, acknowledgements and delivery marks are written in one statement
     * ({@link PostgresGroupWrite}) rather than one statement each.
     */
    boolean writesGroupsInOneStatement() {
        return false;
    }

    /** True when RowMQ vacuums its message table at its own traffic's pace ({@link MessageTableVacuum}). */
    boolean vacuumsMessageTable() {
        return false;
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
     * Claims up to {@code max} ready rows at the head of a queue for {@code node} under the claim id {@code claim}
     * (written on the rows, see {@link #returnClaim}), marks the first {@code marks} of them in delivery order
     * delivered (see {@link Claimer#claim}), and commits; returned in any order. Null means this database claims the
     * head through {@link #claimCandidates} on read pages instead.
     */
    abstract List<StoredMessage> claimHead(Connection c, String queue, String node, long claim, int marks, long now,
                                           int max) throws SQLException;

    /**
     * Claims those of the candidate ids that are still ready and visible in {@code queue} and not locked by another
     * claimer, under the claim id {@code claim}, marks the first {@code marks} of those claimed delivered ({@code ids}
     * are in delivery order), and commits. Returns the claimed ids with their current delivery counts.
     */
    Map<Long, Integer> claimCandidates(Connection c, String queue, String node, long claim, int marks, long now,
                                       long[] ids) throws SQLException {
        return Jdbc.inTransaction(c, () -> {
            Map<Long, Integer> claimed = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, delivery_count FROM rowmq_message WHERE "
                    + idIn("id", ids.length) + " AND destination = ? AND state = " + RowState.READY + " AND visible_at <= ?"
                    + " AND " + groupHead() + " FOR UPDATE SKIP LOCKED")) {
                int i = bindIds(ps, 1, ids, 0, ids.length);
                ps.setString(i++, queue);
                ps.setLong(i++, now);
                ps.setString(i, node);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) claimed.put(rs.getLong(1), rs.getInt(2));
                }
            }
            claimed.putAll(passedOverCandidates(c, queue, node, now, ids, claimed.keySet()));
            long[] won = Arrays.stream(ids).filter(claimed::containsKey).toArray();
            markInFlight(c, node, claim, marks, won);
            return claimed;
        });
    }

    /**
     * Candidates that {@link #claimCandidates}'s SKIP LOCKED passed over although they were ready and ahead of the last
     * candidate it took, locked by waiting for them, with their delivery counts: for a database whose committed rows
     * can still be locked for an instant (see {@link MariaDbDialect}). None here.
     */
    Map<Long, Integer> passedOverCandidates(Connection c, String queue, String node, long now, long[] ids,
                                            Set<Long> taken) throws SQLException {
        return Map.of();
    }

    /**
     * Marks locked rows ({@code ids}, in delivery order) in flight for {@code node} under the claim id {@code claim},
     * the first {@code marks} of them delivered too (see {@link Claimer#claim}), inside the caller's transaction: one
     * UPDATE, two when some rows are marked and some not.
     */
    void markInFlight(Connection c, String node, long claim, int marks, long[] ids) throws SQLException {
        int marked = Math.min(Math.max(0, marks), ids.length);
        if (marked > 0) takeInFlight(c, node, claim, 1, Arrays.copyOfRange(ids, 0, marked));
        if (marked < ids.length) takeInFlight(c, node, claim, 0, Arrays.copyOfRange(ids, marked, ids.length));
    }

    private void takeInFlight(Connection c, String node, long claim, int delivered, long[] ids) throws SQLException {
        updateIds(c, "UPDATE rowmq_message SET state = " + RowState.IN_FLIGHT + ", owner_node = ?, claim_id = ?,"
                        + " delivered = " + delivered + " WHERE ", ids, ps -> {
                    ps.setString(1, node);
                    ps.setLong(2, claim);
                    return 3;
                });
    }

    /**
     * Returns to ready, untouched (delivery count as it was), the rows of {@code queue} that {@code node} holds in
     * flight under the claim id {@code claim}: the rows of a claim whose answer was lost, which no consumer has seen.
     * One statement, through the owner_node index; returns the rows returned.
     */
    int returnClaim(Connection c, String queue, String node, long claim) throws SQLException {
        // The claim may have marked its rows delivered; nobody saw them, so the mark goes with them.
        try (PreparedStatement ps = c.prepareStatement("UPDATE rowmq_message SET state = " + RowState.READY
                + ", owner_node = NULL, delivered = 0 WHERE owner_node = ? AND state = " + RowState.IN_FLIGHT
                + " AND claim_id = ? AND destination = ?")) {
            ps.setString(1, node);
            ps.setLong(2, claim);
            ps.setString(3, queue);
            return ps.executeUpdate();
        }
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
     * {@code delete} (a DELETE on rowmq_message) as a query returning the body_id and the destination of each deleted
     * row, so that the bodies they referenced can go in the same transaction without another read, and the metrics
     * can count deletions per destination. Still one statement.
     */
    abstract String returningBodies(String delete);

    /**
     * Like {@link #updateIds} for a DELETE on rowmq_message; adds the body ids of the deleted subscription rows to
     * {@code bodies} and returns the number of rows deleted.
     */
    int deleteIds(Connection c, String statement, long[] ids, Parameters head, Set<Long> bodies) throws SQLException {
        return deleteIds(c, statement, ids, head, bodies, null);
    }

    /** The same, also counting the deleted rows per destination into {@code perDestination}. */
    int deleteIds(Connection c, String statement, long[] ids, Parameters head, Set<Long> bodies,
                  Map<String, Integer> perDestination) throws SQLException {
        int deleted = Jdbc.inChunks(ids.length, maxIdsPerStatement(), (from, to) -> {
            try (PreparedStatement ps = c.prepareStatement(returningBodies(statement + idIn("id", to - from)))) {
                bindIds(ps, head.bind(ps), ids, from, to);
                return readBodies(ps, bodies, perDestination);
            }
        });
        return deleted;
    }

    /**
     * Deletes the rows among {@code ids} that {@code owner} holds in flight (acknowledged messages), and the bodies
     * that only they referenced, in the caller's transaction; returns the rows deleted, counting them per destination
     * into {@code perDestination} unless it is null. Cost here: one DELETE per id list returning the rows' body ids
     * and destinations, then, when subscription rows went, one DELETE of their bodies that nothing references any
     * more ({@link Bodies#deleteUnreferenced}).
     */
    int deleteAcknowledged(Connection c, long[] ids, String owner, Map<String, Integer> perDestination)
            throws SQLException {
        Set<Long> bodies = new HashSet<>();
        int deleted = deleteIds(c, "DELETE FROM rowmq_message WHERE " + HELD_IN_FLIGHT + " AND ", ids, ps -> {
            ps.setString(1, owner);
            return 2;
        }, bodies, perDestination);
        Bodies.deleteUnreferenced(c, bodies);
        return deleted;
    }

    /** Runs a statement from {@link #returningBodies}; returns the rows deleted, adding their body ids to bodies. */
    static int readBodies(PreparedStatement ps, Set<Long> bodies) throws SQLException {
        return readBodies(ps, bodies, null);
    }

    /** The same, also counting the deleted rows per destination into {@code perDestination} unless it is null. */
    static int readBodies(PreparedStatement ps, Set<Long> bodies, Map<String, Integer> perDestination) throws SQLException {
        int deleted = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                deleted++;
                long body = rs.getLong(1);
                if (!rs.wasNull()) bodies.add(body);
                if (perDestination != null) perDestination.merge(rs.getString(2), 1, Integer::sum);
            }
        }
        return deleted;
    }

    // ---- pages in delivery order (no locks) ---------------------------------------------------------------------

    /**
     * What a page is read for. A browser sees every ready row; a claim sees only the rows it may claim as far as
     * message groups go ({@link #groupHead()}, binding the node after {@link #READY}'s parameters) with their groups,
     * whole ({@link #CLAIM_COLUMNS}) or only the start of their payloads ({@link #HEAD_COLUMNS}).
     */
    enum Page {
        BROWSE(MESSAGE_COLUMNS, false),
        CLAIM(CLAIM_COLUMNS, true),
        CLAIM_HEADS(HEAD_COLUMNS, true);

        final String columns;
        final boolean claim;

        Page(String columns, boolean claim) {
            this.columns = columns;
            this.claim = claim;
        }

        /** The parameters its condition binds: destination, now, now, and the node for a claim. */
        int parameters() {
            return claim ? 4 : 3;
        }
    }

    /** A page's condition ({@link #READY}, and {@link #groupHead()} for a claim). */
    private String where(Page page) {
        return page.claim ? READY + " AND " + groupHead() : READY;
    }

    /** The first {@code n} ready rows; binds the page's parameters. */
    String firstPage(int n, Page page) {
        return text("first-" + page, n, k -> "SELECT " + page.columns + " FROM rowmq_message WHERE " + where(page)
                + " ORDER BY " + deliveryOrder() + " LIMIT " + k);
    }

    /** Ready rows of the same priority after an id; binds the page's parameters, priority, id. */
    String samePriorityPage(int n, Page page) {
        return text("same-" + page, n, k -> "SELECT " + page.columns + " FROM rowmq_message WHERE " + where(page)
                + " AND priority = ? AND id > ? ORDER BY " + deliveryOrder() + " LIMIT " + k);
    }

    /** Ready rows of lower priority; binds the page's parameters, priority. */
    String lowerPriorityPage(int n, Page page) {
        return text("lower-" + page, n, k -> "SELECT " + page.columns + " FROM rowmq_message WHERE " + where(page)
                + " AND priority < ? ORDER BY " + deliveryOrder() + " LIMIT " + k);
    }

    // ---- message groups ----------------------------------------------------------------------------------------

    /**
     * Makes a group stick to a node, whoever it stuck to before (the caller has just claimed the group's head, so no
     * other node holds a message of it); binds destination, group id, node.
     */
    abstract String stickGroup();

    /** Deletes at most {@code n} expired ready rows, returning their body ids and destinations (see {@link #returningBodies}); binds now. */
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

    /**
     * Bounds how long the caller's transaction waits for a row lock, so that housekeeping stuck behind a wedged session
     * (a paused JVM's open transaction) fails and moves on instead of waiting for ever. H2 ({@code LOCK_TIMEOUT}) and
     * MariaDB ({@code innodb_lock_wait_timeout}) bound every wait already; PostgreSQL waits without limit unless told.
     */
    void boundLockWaits(Connection c) throws SQLException {
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
     * An SQL expression naming the server instance a statement runs on, the same for every session of that instance
     * and different on another server or after a restart; "NULL" where the dialect cannot tell. A life token is held
     * on one instance only: after a failover or restart every token is free on the new instance until its node takes
     * it again, so only tokens taken on the instance at hand say anything (rowmq_node.token_server).
     */
    String serverInstance() {
        return "NULL";
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

    /** A row read with {@link #CLAIM_COLUMNS}: the message with its group. */
    static StoredMessage readClaimed(ResultSet rs) throws SQLException {
        return new StoredMessage(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getBytes(8), readGroup(rs, 9));
    }

    /** The group in columns group_id, group_end at {@code index}; null for an ungrouped row. */
    static MessageGroup readGroup(ResultSet rs, int index) throws SQLException {
        String id = rs.getString(index);
        return id == null ? null : new MessageGroup(id, rs.getInt(index + 1) != 0);
    }

    static List<StoredMessage> readClaimedRows(PreparedStatement ps) throws SQLException {
        List<StoredMessage> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) result.add(readClaimed(rs));
        }
        return result;
    }

    static List<StoredMessage> readMessages(PreparedStatement ps) throws SQLException {
        List<StoredMessage> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) result.add(readMessage(rs));
        }
        return result;
    }
}
