package org.rowmq.store;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Listens for other JVMs' arrival notifications on a dedicated connection and tells this JVM's consumers. Reconnects
 * with backoff while the database is unreachable, and after a reconnect wakes every queue this node consumes, since
 * notifications sent meanwhile are lost. Its own node's notifications are ignored (local consumers were told at commit).
 * On every connection it first announces this node with an empty notification, so that nodes that were alone start
 * notifying (see {@link Arrivals#othersListen}).
 * The same connection holds this node's {@link LifeToken}, taken again on every new connection, so that the token
 * lives exactly as long as a session of this JVM that the database watches anyway.
 */
final class PostgresNotifications {

    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
    private static final int POLL_MILLIS = 500;
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final ConnectionSource source;
    private final String nodeId;
    private final Arrivals arrivals;
    private final LifeToken lifeToken;
    private final Thread thread;
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private volatile boolean closed;

    PostgresNotifications(ConnectionSource source, String nodeId, Arrivals arrivals, LifeToken lifeToken) {
        this.source = source;
        this.nodeId = nodeId;
        this.arrivals = arrivals;
        this.lifeToken = lifeToken;
        this.thread = new Thread(this::run, "rowmq-listen-" + nodeId);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits until the first connection was tried (listening and holding the life token, or failed), so that a store
     * that has just opened is already watched by the database. Gives up quietly after the timeout.
     */
    void awaitFirstAttempt(Duration timeout) {
        try {
            firstAttempt.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void close() {
        closed = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        long backoff = 100;
        boolean first = true;
        while (!closed) {
            try (Connection c = source.open()) {
                lifeToken.takeOn(c);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + PostgresDialect.CHANNEL);
                }
                // Announces this node to the others, which may have been notifying nobody; before the store is used.
                PostgresDialect.sendNotification(c, Arrivals.payload(nodeId, List.of()));
                firstAttempt.countDown();
                if (!first) {
                    log.info("RowMQ node {} listens for arrivals again", nodeId);
                    arrivals.arrivedEverywhere();
                }
                first = false;
                backoff = 100;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification n : notifications) deliver(n.getParameter());
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("UNLISTEN *");
                }
                lifeToken.release(c);
            } catch (SQLException | RuntimeException e) {
                firstAttempt.countDown();
                if (closed) return;
                first = false;
                log.warn("RowMQ node {} lost its notification connection; retrying in {} ms: {}", nodeId, backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private void deliver(String payload) {
        List<String> lines = Arrivals.parse(payload);
        if (lines.isEmpty() || lines.get(0).equals(nodeId)) return;
        // This node's own application transactions notify under another name: they say nothing about other nodes.
        if (!lines.get(0).equals(ApplicationTransactions.NOTIFIER_PREFIX + nodeId)) arrivals.heardFromAnotherNode();
        List<String> destinations = lines.subList(1, lines.size());
        if (destinations.contains(Arrivals.ALL)) arrivals.arrivedEverywhere();
        else arrivals.arrived(destinations);
    }
}
