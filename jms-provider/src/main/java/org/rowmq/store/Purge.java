package org.rowmq.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Deletes chosen ready messages of a destination, a batch per transaction so that a purge of millions neither holds
 * locks for long nor builds one huge transaction. Only rows still ready in that destination go: a row claimed
 * meanwhile belongs to its consumer, and is counted as skipped. Bodies only the deleted rows referenced go with them.
 */
final class Purge {

    private static final int BATCH = 1000;

    private final Dialect dialect;

    Purge(Dialect dialect) {
        this.dialect = dialect;
    }

    StoreAdmin.Outcome run(Connection c, String destination, long[] ids, LongConsumer progress) throws SQLException {
        long deleted = 0;
        for (int from = 0; from < ids.length; from += BATCH) {
            long[] batch = java.util.Arrays.copyOfRange(ids, from, Math.min(ids.length, from + BATCH));
            deleted += Jdbc.inTransaction(c, () -> {
                Set<Long> bodies = new HashSet<>();
                int n = dialect.deleteIds(c, "DELETE FROM rowmq_message WHERE destination = ? AND state = "
                        + RowState.READY + " AND ", batch, ps -> {
                            ps.setString(1, destination);
                            return 2;
                        }, bodies);
                Bodies.deleteUnreferenced(c, bodies);
                return n;
            });
            progress.accept(Math.min(ids.length, from + BATCH));
        }
        return new StoreAdmin.Outcome(deleted, ids.length - deleted);
    }
}
