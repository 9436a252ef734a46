package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads a destination's rows page by page in id order (keyset paging, so a large queue is never read at once and no
 * row is locked), for an operator's browse and for choosing what a purge or a move acts on. Filters run on the decoded
 * rows in the JVM: a selector is never turned into SQL.
 */
final class MessagePages {

    private static final int PAGE = 500;
    /** A message with its delivery state, as {@link #row} reads it. */
    private static final String COLUMNS = Dialect.MESSAGE_COLUMNS + ", state, owner_node, visible_at";

    private final Dialect dialect;
    private final DatabaseClock clock;

    MessagePages(Dialect dialect, DatabaseClock clock) {
        this.dialect = dialect;
        this.clock = clock;
    }

    List<StoreAdmin.MessageRow> browse(Connection c, String destination, long afterId, int max,
                                       Predicate<StoredMessage> filter) throws SQLException {
        List<StoreAdmin.MessageRow> result = new ArrayList<>();
        long now = clock.now();
        long position = afterId;
        while (result.size() < max) {
            List<StoreAdmin.MessageRow> page = page(c, destination, position, false, now);
            for (StoreAdmin.MessageRow r : page) {
                if (result.size() < max && filter.test(r.message())) result.add(r);
            }
            if (page.size() < PAGE) break;
            position = page.get(page.size() - 1).message().id();
        }
        return result;
    }

    long[] readyIds(Connection c, String destination, Predicate<StoredMessage> filter) throws SQLException {
        List<Long> ids = new ArrayList<>();
        long now = clock.now();
        long position = 0;
        while (true) {
            List<StoreAdmin.MessageRow> page = page(c, destination, position, true, now);
            for (StoreAdmin.MessageRow r : page) if (filter.test(r.message())) ids.add(r.message().id());
            if (page.size() < PAGE) break;
            position = page.get(page.size() - 1).message().id();
        }
        return Jdbc.toArray(ids);
    }

    /** The message of a destination with this id, in any state; empty when there is none (consumed, or elsewhere). */
    Optional<StoreAdmin.MessageRow> one(Connection c, String destination, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM rowmq_message"
                + " WHERE destination = ? AND id = ?")) {
            ps.setString(1, destination);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs, clock.now())) : Optional.empty();
            }
        }
    }

    private List<StoreAdmin.MessageRow> page(Connection c, String destination, long after, boolean readyOnly, long now)
            throws SQLException {
        List<StoreAdmin.MessageRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(dialect.text(readyOnly ? "admin-ready" : "admin-all", PAGE,
                n -> "SELECT " + COLUMNS + " FROM rowmq_message"
                        + " WHERE destination = ? AND id > ?" + (readyOnly ? " AND state = " + RowState.READY : "")
                        + " ORDER BY id LIMIT " + n))) {
            ps.setString(1, destination);
            ps.setLong(2, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(row(rs, now));
            }
        }
        return rows;
    }

    private static StoreAdmin.MessageRow row(ResultSet rs, long now) throws SQLException {
        long visibleAt = rs.getLong(11);
        return new StoreAdmin.MessageRow(Dialect.readMessage(rs), state(rs.getInt(9), visibleAt, now), rs.getString(10),
                visibleAt);
    }

    /** The state as an operator reads it: a ready row not yet visible is scheduled (delivery delay, redelivery delay). */
    static String state(int state, long visibleAt, long now) {
        return switch (state) {
            case RowState.READY -> visibleAt > now ? "SCHEDULED" : "READY";
            case RowState.IN_FLIGHT -> "IN_FLIGHT";
            case RowState.HELD_SEND -> "HELD_XA_SEND";
            case RowState.HELD_ACK -> "HELD_XA_RECEIVE";
            default -> "UNKNOWN_" + state;
        };
    }
}
