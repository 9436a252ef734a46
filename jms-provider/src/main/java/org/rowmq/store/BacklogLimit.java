package org.rowmq.store;

import jakarta.jms.JMSException;
import jakarta.jms.ResourceAllocationException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A destination's backlog limit, checked in the sending thread (never on the group committer's): the number of ready
 * messages is counted with a bounded query, so the check costs at most {@code maxMessages} index entries however
 * large the backlog. In-flight messages are not counted: they are bounded by the consumers' prefetch and leave soon.
 */
final class BacklogLimit {

    private static final long MAX_WAIT_STEP_MILLIS = 100;

    private final DataSource dataSource;
    private final Dialect dialect;

    BacklogLimit(DataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Returns when {@code adding} more messages fit; waits under BLOCK; else ResourceAllocationException. */
    void await(String destination, int adding, DestinationSettings s) throws JMSException {
        long deadline = System.nanoTime() + s.blockTimeout().toNanos();
        long step = 5;
        while (true) {
            long ready = readyCount(destination, s.maxMessages());
            if (ready + adding <= s.maxMessages()) return;
            long left = deadline - System.nanoTime();
            if (s.whenFull() == DestinationSettings.FullPolicy.FAIL || left <= 0) {
                throw new ResourceAllocationException("queue '" + destination + "' is full: it"
                        + " holds its limit of " + s.maxMessages() + " messages"
                        + (s.whenFull() == DestinationSettings.FullPolicy.BLOCK
                        ? " and no room was made within " + s.blockTimeout().toMillis() + " ms" : ""));
            }
            try {
                Thread.sleep(Math.min(step, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                JMSException e = new JMSException("interrupted while waiting for room in queue '" + destination + "'");
                e.initCause(ie);
                throw e;
            }
            step = Math.min(step * 2, MAX_WAIT_STEP_MILLIS);
        }
    }

    private long readyCount(String destination, long limit) throws JMSException {
        String sql = dialect.text("backlog", (int) Math.min(limit, Integer.MAX_VALUE), n ->
                "SELECT COUNT(*) FROM (SELECT 1 FROM rowmq_message WHERE destination = ? AND state = " + RowState.READY + " LIMIT " + n + ") r");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, destination);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw StoreErrors.failure("check the backlog limit of queue '" + destination + "'", e);
        }
    }

    /** Ready plus in-flight messages; counted by state so that PostgreSQL's partial index serves the ready ones. */
    long depth(Connection c, String destination) throws SQLException {
        long total = 0;
        for (int state : new int[]{RowState.READY, RowState.IN_FLIGHT}) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM rowmq_message WHERE destination = ? AND state = " + state)) {
                ps.setString(1, destination);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total += rs.getLong(1);
                }
            }
        }
        return total;
    }
}
