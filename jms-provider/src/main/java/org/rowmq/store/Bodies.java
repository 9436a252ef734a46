package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Deleting the bodies of published messages (rowmq_body) once no row of rowmq_message references them. Whoever
 * deletes subscription rows deletes their bodies in the same transaction when nothing else references them. Under
 * READ COMMITTED two transactions deleting the last two references can each still see the other's row and both keep
 * the body; the periodic {@link #sweep} finds such bodies later. A body never gains a reference after its insert
 * commits (dead-letter moves keep the row's body_id), so neither path can delete a body still in use.
 */
final class Bodies {

    /** Ids per statement in the portable IN list. */
    private static final int STEP = 512;
    private static final String DELETE_UNREFERENCED = "DELETE FROM rowmq_body"
            + " WHERE NOT EXISTS (SELECT 1 FROM rowmq_message m WHERE m.body_id = rowmq_body.id) AND ";

    private Bodies() {
    }

    static int deleteUnreferenced(Connection c, Collection<Long> bodies) throws SQLException {
        return bodies.isEmpty() ? 0 : deleteUnreferenced(c, Jdbc.toArray(bodies));
    }

    /** Deletes those of the bodies that no row references any more; returns how many went. Caller's transaction. */
    static int deleteUnreferenced(Connection c, long[] bodies) throws SQLException {
        return Jdbc.inChunks(bodies.length, STEP, (from, to) -> {
            try (PreparedStatement ps = c.prepareStatement(DELETE_UNREFERENCED + Dialect.inList("id", to - from))) {
                Dialect.bindInList(ps, 1, bodies, from, to);
                return ps.executeUpdate();
            }
        });
    }

    /** Where a sweep stopped and what it deleted. */
    record Sweep(long next, int deleted) {
    }

    /**
     * Deletes unreferenced bodies among at most {@code batches * batchSize} bodies after id {@code after}, one
     * autocommitted statement per batch, so no lock is held beyond the unreferenced bodies of one batch. The next
     * sweep continues after where this one stopped (0: the end of the table was reached, start over).
     */
    static Sweep sweep(Connection c, Dialect dialect, long after, int batches, int batchSize) throws SQLException {
        long position = after;
        int deleted = 0;
        for (int batch = 0; batch < batches; batch++) {
            List<Long> ids = new ArrayList<>(batchSize);
            try (PreparedStatement ps = c.prepareStatement(dialect.bodiesAfter(batchSize))) {
                ps.setLong(1, position);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getLong(1));
                }
            }
            if (!ids.isEmpty()) {
                deleted += deleteUnreferenced(c, Jdbc.toArray(ids));
                position = ids.get(ids.size() - 1);
            }
            if (ids.size() < batchSize) return new Sweep(0, deleted);
        }
        return new Sweep(position, deleted);
    }
}
