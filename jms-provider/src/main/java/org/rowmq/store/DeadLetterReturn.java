package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Moves chosen ready rows of a dead-letter queue back to the destination each came from (original_destination), as if
 * newly sent: delivery count 0, visible now, the dead-letter columns cleared. Each row changes place with one UPDATE,
 * in the caller's single transaction, so a move cut short by a crash leaves every row in exactly one place.
 * A row whose origin no longer exists (a deleted subscription, a deleted temporary queue) stays where it is.
 */
final class DeadLetterReturn {

    private static final String RETURN = "UPDATE rowmq_message SET destination = original_destination,"
            + " original_destination = NULL, dead_letter_reason = NULL, delivery_count = 0, visible_at = ?"
            + " WHERE destination = ? AND state = " + RowState.READY + " AND original_destination = ? AND ";

    private final Dialect dialect;
    private final DatabaseClock clock;

    DeadLetterReturn(Dialect dialect, DatabaseClock clock) {
        this.dialect = dialect;
        this.clock = clock;
    }

    StoreAdmin.Outcome run(Connection c, String deadLetterQueue, long[] ids, LongConsumer progress) throws SQLException {
        Map<String, List<Long>> byOrigin = origins(c, deadLetterQueue, ids);
        long moved = 0;
        long done = 0;
        long now = clock.now();
        List<String> arrived = new ArrayList<>();
        for (Map.Entry<String, List<Long>> e : byOrigin.entrySet()) {
            String origin = e.getKey();
            if (exists(c, origin)) {
                int n = dialect.updateIds(c, RETURN, Jdbc.toArray(e.getValue()), ps -> {
                    ps.setLong(1, now);
                    ps.setString(2, deadLetterQueue);
                    ps.setString(3, origin);
                    return 4;
                });
                moved += n;
                if (n > 0) arrived.add(origin);
            }
            done += e.getValue().size();
            progress.accept(done);
        }
        // Consumers of the origins in other JVMs hear of the arrivals when this transaction commits (PostgreSQL).
        if (!arrived.isEmpty() && dialect.notifies()) dialect.notifyArrivals(c, Arrivals.payload(StoreAdmin.ADMIN_NODE, arrived));
        return new StoreAdmin.Outcome(moved, ids.length - moved);
    }

    /** The chosen rows by origin, locked; rows no longer ready in the queue, or with no origin, are left out. */
    private Map<String, List<Long>> origins(Connection c, String deadLetterQueue, long[] ids) throws SQLException {
        Map<String, List<Long>> byOrigin = new HashMap<>();
        Jdbc.inChunks(ids.length, dialect.maxIdsPerStatement(), (from, to) -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, original_destination FROM rowmq_message"
                    + " WHERE destination = ? AND state = " + RowState.READY + " AND original_destination IS NOT NULL AND "
                    + dialect.idIn("id", to - from) + " FOR UPDATE")) {
                ps.setString(1, deadLetterQueue);
                dialect.bindIds(ps, 2, ids, from, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) byOrigin.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getLong(1));
                }
            }
            return 0;
        });
        return byOrigin;
    }

    /** A subscription's queue or a temporary queue exists only while its row does; any other queue always exists. */
    private static boolean exists(Connection c, String origin) throws SQLException {
        long subscription = Subscription.idOf(origin);
        if (subscription >= 0) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM rowmq_subscription WHERE id = ?")) {
                ps.setLong(1, subscription);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        }
        if (MessageWriter.isTemporary(origin)) {
            return StoreAdmin.count(c, "SELECT COUNT(*) FROM rowmq_destination WHERE name = ?", origin) > 0;
        }
        return true;
    }
}
