package org.rowmq.store;

import java.sql.Connection;
import java.util.List;

/**
 * H2 (MVStore). H2 2.3 supports {@code FOR UPDATE SKIP LOCKED} and re-checks a locked row's condition, but it does not
 * serve a locking query's ORDER BY from an index: a {@code SELECT ... ORDER BY ... LIMIT n FOR UPDATE} sorts every
 * ready row of the queue. So the head is claimed like a filtered claim: read a page in index order without locks,
 * then lock those ids with SKIP LOCKED (re-checking that they are still ready) and mark them in flight. H2 also uses
 * an index for ORDER BY only when the ORDER BY names the index's leading columns, hence the equality-bound
 * destination and state in {@link #deliveryOrder()}.
 */
final class H2Dialect extends Dialect {

    @Override
    String schemaFolder() {
        return "h2";
    }

    @Override
    String databaseTimeMillis() {
        return "SELECT CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP(3)) * 1000 AS BIGINT)";
    }

    @Override
    String deliveryOrder() {
        return "destination, state, priority DESC, id";
    }

    @Override
    String shareLock() {
        return " FOR UPDATE";
    }

    @Override
    List<StoredMessage> claimHead(Connection c, String queue, String node, long claim, int marks, long now, int max) {
        return null;
    }

    @Override
    String stickGroup() {
        return "MERGE INTO rowmq_group (destination, group_id, owner_node) KEY (destination, group_id) VALUES (?, ?, ?)";
    }

    @Override
    String returningBodies(String delete) {
        // H2 has no RETURNING; a data change delta table reads the deleted rows in the same statement.
        return "SELECT body_id, destination FROM OLD TABLE (" + delete + ")";
    }

    @Override
    String deleteExpired(int n) {
        return text("expired", n, k -> returningBodies("DELETE FROM rowmq_message WHERE expires_at > 0"
                + " AND expires_at <= ? AND state = " + RowState.READY + " FETCH FIRST " + k + " ROWS ONLY"));
    }
}
