package org.rowmq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's row in the node table and the liveness every node takes part in: its heartbeat, and reaping nodes whose
 * heartbeat is older than the lease (their in-flight rows return to ready, those they had handed to the application
 * with the delivery count raised, those only prefetched untouched; their temporary destinations go). On a daemon thread of its own, so that housekeeping ({@link Housekeeping}) never delays
 * a heartbeat into a false death.
 *
 * <p>Where the database holds life tokens ({@link LifeToken}), a node whose token is free (its session ended: the JVM
 * died, or its connection dropped) is reaped at once, without waiting for its lease: on every reaper pass, and when a
 * claim finds nothing ({@link #reapNodesWithFreeTokens}). The lease stays the judge of nodes that hold no token.
 *
 * <p>Reaping is idempotent and safe when several nodes do it at once: each reap locks the dead node's row first (skipping
 * it when another session holds that lock) and does nothing if that row is already gone or has a fresh heartbeat. Each
 * dead node is reaped in its own transaction, with bounded lock waits, so one that cannot be reaped delays no other.
 */
final class NodeLiveness {

    private static final Logger log = LoggerFactory.getLogger(NodeLiveness.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final DatabaseClock clock;
    private final Redelivery redelivery;
    private final Arrivals arrivals;
    private final String nodeId;
    private final Duration heartbeat;
    private final Duration leaseTimeout;
    private final Periodic periodic;
    /** Claims have the holders of their queue tested at most this often. */
    private static final long TOKEN_LOOK_NANOS = 1_000_000_000L;
    /** This node's token, or null on a database without life tokens. */
    private final LifeToken lifeToken;
    /** When a claim last had the holders of its queue tested (nanoTime), to bound that cost. */
    private final AtomicLong lastTokenLook = new AtomicLong(System.nanoTime() - TOKEN_LOOK_NANOS);

    NodeLiveness(DataSource dataSource, Dialect dialect, DatabaseClock clock, Redelivery redelivery, Arrivals arrivals,
                 String nodeId, Duration heartbeat, Duration leaseTimeout, LifeToken lifeToken) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.clock = clock;
        this.redelivery = redelivery;
        this.arrivals = arrivals;
        this.nodeId = nodeId;
        this.heartbeat = heartbeat;
        this.leaseTimeout = leaseTimeout;
        this.periodic = new Periodic("rowmq-node-" + nodeId, nodeId);
        this.lifeToken = lifeToken;
    }

    void register(Connection c) throws SQLException {
        long now = clock.now();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rowmq_node (id, heartbeat, started, lease_ms, life_token) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, nodeId);
            ps.setLong(2, now);
            ps.setLong(3, now);
            ps.setLong(4, leaseTimeout.toMillis());
            ps.setInt(5, lifeToken != null && lifeToken.held() ? 1 : 0);
            ps.executeUpdate();
        }
    }

    /**
     * Tells {@link Arrivals} whether another live node shares the database, so that a node alone sends no
     * notifications nobody hears. Where the database notifies only; one indexed read per heartbeat.
     */
    private void lookForOthers(Connection c) throws SQLException {
        if (!dialect.notifies()) return;
        long started = System.nanoTime();
        boolean others;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM rowmq_node WHERE id <> ? AND heartbeat + lease_ms >= ?")) {
            ps.setString(1, nodeId);
            ps.setLong(2, clock.now());
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                others = rs.next();
            }
        }
        arrivals.othersLooked(others, started);
    }

    /**
     * Starts heart-beating and reaping. Called once the store listens for notifications: the first look for other
     * nodes comes after that, so a node that registers after the look is heard announcing itself, and one that
     * registered before is seen by the look.
     */
    void start() {
        try (Connection c = dataSource.getConnection()) {
            lookForOthers(c);
        } catch (SQLException e) {
            log.debug("RowMQ node {} could not look for other nodes; it notifies them until its next heartbeat", nodeId, e);
        }
        periodic.every(heartbeat, "heartbeat", this::beat);
        if (lifeToken != null) periodic.every(heartbeat, "hold its life token", lifeToken::keep);
        periodic.every(heartbeat, "reap dead nodes", () -> reapDeadNodes());
    }

    /** Stops heart-beating and gives up this node: its in-flight rows and temporary destinations go as for a dead node. */
    void close() {
        periodic.stop();
        try {
            reap(nodeId, Long.MAX_VALUE, true, false);
        } catch (SQLException e) {
            log.warn("RowMQ could not remove node {} at close; another node will reap it after the lease", nodeId, e);
        }
    }

    private void beat() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("UPDATE rowmq_node SET heartbeat = ? WHERE id = ?")) {
                ps.setLong(1, clock.now());
                ps.setString(2, nodeId);
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                log.warn("RowMQ node {} was presumed dead by another node long ago (no heartbeat for {}); its in-flight"
                        + " messages were redelivered and its temporary destinations deleted. Registering again.", nodeId, leaseTimeout);
                register(c);
            }
            lookForOthers(c);
        }
    }

    /**
     * Reaps every node whose heartbeat is older than its own lease (each node states its lease in its row, so JVMs
     * with different settings judge each other fairly). Returns how many this call reaped.
     *
     * <p>A reaped node's row is kept until it has been silent for {@link #FORGET_AFTER_LEASES} leases, and every pass
     * returns whatever the silent node still holds: a node presumed dead while it was only slow may have claimed
     * rows just before or after the first pass, and with its row gone nobody would ever return those. A slow node that
     * comes back simply heart-beats again; its acknowledgements of rows it lost fail (they check the owner).
     */
    int reapDeadNodes() throws SQLException {
        long now = clock.now();
        List<String> dead = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM rowmq_node WHERE heartbeat + lease_ms < ? AND id <> ?")) {
            ps.setLong(1, now);
            ps.setString(2, nodeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) dead.add(rs.getString(1));
            }
        }
        Reaping reaping = new Reaping();
        for (String node : dead) reaping.reap(node, () -> reap(node, now, false, false));
        if (dialect.hasLifeTokens()) reapIfTokenFree(reaping, nodesHoldingTokens());
        return reaping.result();
    }

    /**
     * Called when a claim found nothing: reaps the other nodes whose life tokens are free, so that a dead JVM's
     * messages come back as soon as someone waits for them. At most once a second for all queues of this node (idle
     * consumers claim every second or so). One read of the node table and one token test per node holding a token:
     * every such node is tested, not only those holding the claimed queue's rows, because finding those meant reading
     * every in-flight row of the queue, which cost 35-81 ms a call with hundreds in flight (benchmark, transactions of
     * 100, 2026-12-04), where a token test costs a fraction of a millisecond. Returns how many nodes this call reaped.
     */
    int reapNodesWithFreeTokens() throws SQLException {
        if (!dialect.hasLifeTokens()) return 0;
        long now = System.nanoTime();
        long last = lastTokenLook.get();
        if (now - last < TOKEN_LOOK_NANOS || !lastTokenLook.compareAndSet(last, now)) return 0;
        Reaping reaping = new Reaping();
        reapIfTokenFree(reaping, nodesHoldingTokens());
        return reaping.result();
    }

    /** The other nodes whose rows say they hold a life token taken on the server at hand. */
    private List<String> nodesHoldingTokens() throws SQLException {
        return queryIds("SELECT id FROM rowmq_node n WHERE n.life_token = 1 AND n.id <> ?" + tokenOnThisServer(), nodeId);
    }

    /**
     * Only tokens taken on the server at hand tell whether their node lives: after a failover or restart they are all
     * free until their nodes take them again on the new server (see {@link Dialect#serverInstance()}).
     */
    private String tokenOnThisServer() {
        return " AND (n.token_server IS NULL OR n.token_server = " + dialect.serverInstance() + ")";
    }

    private void reapIfTokenFree(Reaping reaping, List<String> nodes) {
        for (String node : nodes) {
            reaping.reap(node, () -> {
                try (Connection c = dataSource.getConnection()) {
                    if (!dialect.lifeTokenFree(c, node)) return false;
                }
                return reap(node, clock.now(), false, true);
            });
        }
    }

    /**
     * One pass over several dead nodes, each reaped on its own: a node whose reap fails (its rows locked by a wedged
     * session past the lock wait, a deadlock, a constraint) must not keep the others' messages in flight. The failures
     * are thrown together once every node had its turn.
     */
    private static final class Reaping {
        private int reaped;
        /** The first failure, the later ones suppressed in it. */
        private SQLException failure;

        void reap(String node, Jdbc.SqlWork<Boolean> work) {
            try {
                if (work.run()) reaped++;
            } catch (SQLException e) {
                SQLException named = new SQLException("could not reap node " + node + ": " + e.getMessage(), e.getSQLState(), e);
                if (failure == null) failure = named;
                else failure.addSuppressed(named);
            }
        }

        int result() throws SQLException {
            if (failure == null) return reaped;
            int failed = 1 + failure.getSuppressed().length;
            throw new SQLException(failed + " dead nodes could not be reaped this pass (" + reaped + " were); the next"
                    + " pass tries them again. First: " + failure.getMessage(), failure.getSQLState(), failure);
        }
    }

    private List<String> queryIds(String sql, String... parameters) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) ps.setString(i + 1, parameters[i]);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Silent this many leases, a node's row is deleted (its in-flight rows were returned long before). */
    static final int FORGET_AFTER_LEASES = 3;

    /**
     * Reaps one node if its heartbeat is still older than its lease at {@code now}, or with {@code tokenFree} if its
     * life token is still free once its row is locked; false when it is alive again or gone. {@code forget} deletes
     * its row at once (this node closing). Reaping by a free token returns the node's in-flight rows only (its
     * temporary destinations and subscriptions wait for its lease), and marks the node as holding no token, so that
     * later passes leave it to its lease until it takes its token again (a live node whose connection dropped does).
     */
    private boolean reap(String node, long now, boolean forget, boolean tokenFree) throws SQLException {
        Set<String> ready = new LinkedHashSet<>();
        boolean reaped;
        // Another node's row locked means another session is reaping it (or it is beating right now): skip it, rather
        // than queue behind a reaper that may be wedged. This node's own row, at close, is waited for.
        String lock = node.equals(nodeId) ? " FOR UPDATE" : " FOR UPDATE SKIP LOCKED";
        try (Connection c = dataSource.getConnection()) {
            reaped = Jdbc.inTransaction(c, () -> {
                dialect.boundLockWaits(c);
                long heartbeatAt;
                long lease;
                try (PreparedStatement ps = c.prepareStatement(tokenFree
                        ? "SELECT heartbeat, lease_ms FROM rowmq_node WHERE id = ? AND life_token = 1" + lock
                        : "SELECT heartbeat, lease_ms FROM rowmq_node WHERE id = ? AND heartbeat + lease_ms < ?" + lock)) {
                    ps.setString(1, node);
                    if (!tokenFree) ps.setLong(2, now);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) return false;
                        heartbeatAt = rs.getLong(1);
                        lease = rs.getLong(2);
                    }
                }
                if (tokenFree) {
                    // Tested again under the row lock: a node that took its token back since is alive.
                    if (!dialect.lifeTokenFree(c, node)) return false;
                    try (PreparedStatement ps = c.prepareStatement("UPDATE rowmq_node SET life_token = 0 WHERE id = ?")) {
                        ps.setString(1, node);
                        ps.executeUpdate();
                    }
                }
                List<String> temporaries = new ArrayList<>();
                // A free token may be a dropped connection of a live node: it gets its in-flight rows redelivered, but
                // keeps its temporary destinations and subscriptions until its lease says it is dead.
                if (!tokenFree) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT name FROM rowmq_destination WHERE owner_node = ?")) {
                        ps.setString(1, node);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) temporaries.add(rs.getString(1));
                        }
                    }
                    for (String name : temporaries) Destinations.deleteWithMessages(c, dialect, name);
                    Subscriptions.reap(c, dialect, node);
                }
                List<Redelivery.InFlight> rows = redelivery.lockAllOwned(c, node);
                if (!rows.isEmpty()) ready.addAll(redelivery.returnFromDeadNode(c, rows, clock.now()));
                // Its message groups move on with its in-flight rows (a live node whose connection dropped only loses
                // where its groups were going; their order is kept by the claim).
                MessageGroups.releaseAll(c, node);
                if (forget || !tokenFree && heartbeatAt + FORGET_AFTER_LEASES * lease < now) {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM rowmq_node WHERE id = ?")) {
                        ps.setString(1, node);
                        ps.executeUpdate();
                    }
                }
                if (!ready.isEmpty() && dialect.notifies()) dialect.notifyArrivals(c, Arrivals.payload(nodeId, ready));
                if (!node.equals(nodeId) && (!rows.isEmpty() || !temporaries.isEmpty())) {
                    long delivered = rows.stream().filter(Redelivery.InFlight::delivered).count();
                    log.info("RowMQ node {} reaped node {} ({}): {} in-flight messages returned ({} delivered, now"
                            + " redelivered; {} only prefetched), {} temporary destinations deleted", nodeId, node,
                            tokenFree ? "its life token was free: its database session ended"
                                    : "no heartbeat within its lease", rows.size(), delivered, rows.size() - delivered,
                            temporaries.size());
                }
                return true;
            });
        }
        arrivals.arrived(ready);
        return reaped;
    }
}
