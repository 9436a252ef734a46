package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * MariaDB (InnoDB, 10.6 or later for SKIP LOCKED). The head is claimed with a locking SELECT in index order and an
 * UPDATE of the locked ids in one transaction. RowMQ's pool runs READ COMMITTED so that locking reads take no gap
 * locks that would stall the group committer's inserts at the tail of the index.
 */
final class MariaDbDialect extends Dialect {

    @Override
    String schemaFolder() {
        return "mariadb";
    }

    @Override
    String databaseTimeMillis() {
        return "SELECT CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)";
    }

    @Override
    String deliveryOrder() {
        return "destination, state, priority DESC, id";
    }

    @Override
    String shareLock() {
        return " LOCK IN SHARE MODE";
    }

    // Cost: two statements (locking SELECT, UPDATE) and one commit per claimed batch.
    @Override
    List<StoredMessage> claimHead(Connection c, String queue, String node, long now, int max) throws SQLException {
        String sql = text("claim", max, n -> "SELECT " + MESSAGE_COLUMNS + " FROM rowmq_message WHERE " + READY
                + " ORDER BY " + deliveryOrder() + " LIMIT " + n + " FOR UPDATE SKIP LOCKED");
        return Jdbc.inTransaction(c, () -> {
            List<StoredMessage> rows;
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, queue);
                ps.setLong(2, now);
                ps.setLong(3, now);
                rows = readMessages(ps);
            }
            if (!rows.isEmpty()) markInFlight(c, node, rows.stream().mapToLong(StoredMessage::id).toArray());
            return rows;
        });
    }

    @Override
    String returningBodies(String delete) {
        return delete + " RETURNING body_id";
    }

    @Override
    String deleteExpired(int n) {
        return text("expired", n, k -> "DELETE FROM rowmq_message WHERE expires_at > 0 AND expires_at <= ? AND state = " + RowState.READY
                + " LIMIT " + k + " RETURNING body_id");
    }
}
