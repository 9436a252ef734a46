package org.rowmq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * This node's token of life in the database (see {@link Dialect#hasLifeTokens()}): a lock held by one session that the
 * server releases by itself when the session ends, so that other nodes see a killed JVM at once instead of after its
 * lease. On PostgreSQL it is held on the connection that listens for arrivals ({@link PostgresNotifications} calls
 * {@link #takeOn}); elsewhere on a connection of its own, checked on every heartbeat ({@link #keep}).
 *
 * <p>The node's row says whether the token is held ({@code life_token}): a node that holds none, or has not taken it
 * yet, or lost it with its connection and could not take it again, is judged by its lease alone. A node whose
 * connection merely dropped takes the token again on its new connection; if another node reaped it meanwhile, its
 * acknowledgements of the rows it lost fail as after a lease expiry ({@link LeaseLostException}).
 */
final class LifeToken {

    private static final Logger log = LoggerFactory.getLogger(LifeToken.class);

    private final Dialect dialect;
    private final String nodeId;
    private final DataSource dataSource;
    private final PostgresNotifications.ConnectionSource ownConnection;
    /** The connection holding the token when this token keeps one of its own; touched by the liveness thread only. */
    private Connection holder;
    private volatile boolean held;
    private volatile boolean everHeld;

    /**
     * @param ownConnection where {@link #keep} opens the connection holding the token, or null when another component
     *                      holds it on its connection through {@link #takeOn}
     */
    LifeToken(Dialect dialect, String nodeId, DataSource dataSource, PostgresNotifications.ConnectionSource ownConnection) {
        this.dialect = dialect;
        this.nodeId = nodeId;
        this.dataSource = dataSource;
        this.ownConnection = ownConnection;
    }

    boolean held() {
        return held;
    }

    /**
     * Takes the token on {@code c}, a connection just opened that the caller keeps open, and marks this node's row as
     * holding it. Never throws: without the token the node still has its lease.
     */
    void takeOn(Connection c) {
        held = false;
        try {
            if (!dialect.takeLifeToken(c, nodeId)) {
                log.warn("RowMQ node {} could not take its life token (another session holds it); other nodes will"
                        + " judge it by its lease alone until it can", nodeId);
                return;
            }
            held = true;
            markRow();
            if (everHeld) log.info("RowMQ node {} holds its life token again", nodeId);
            everHeld = true;
        } catch (SQLException e) {
            log.warn("RowMQ node {} could not take its life token; other nodes will judge it by its lease alone until"
                    + " it can: {}", nodeId, e.toString());
        }
    }

    /**
     * With a connection of its own: makes sure that connection is alive and holds the token, opening a new one when
     * the old one died and taking the token again (also when an earlier attempt could not). A no-op when another
     * component holds the token.
     */
    void keep() throws SQLException {
        if (ownConnection == null) return;
        if (holder != null && !holder.isValid(2)) {
            log.warn("RowMQ node {} lost the connection holding its life token; taking it again", nodeId);
            held = false;
            closeQuietly(holder);
            holder = null;
        }
        if (holder == null) holder = ownConnection.open();
        if (!held) takeOn(holder);
    }

    /** Gives the token back (a closing node) and closes its own connection if it has one. */
    void close() {
        if (holder != null) {
            release(holder);
            closeQuietly(holder);
            holder = null;
        }
    }

    /** Releases the token on {@code c} before a caller closes it (a pooled connection outlives its session's use). */
    void release(Connection c) {
        if (!held) return;
        held = false;
        try {
            dialect.releaseLifeToken(c, nodeId);
        } catch (SQLException e) {
            log.debug("RowMQ node {} could not release its life token; the server releases it with the session", nodeId, e);
        }
    }

    /**
     * Sets life_token on this node's row, and the server instance the token is held on; a row not there yet gets it
     * when registered (see {@link NodeLiveness}).
     */
    private void markRow() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE rowmq_node SET life_token = 1, token_server = "
                     + dialect.serverInstance() + " WHERE id = ?")) {
            ps.setString(1, nodeId);
            ps.executeUpdate();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Already broken: nothing to give back.
        }
    }
}
