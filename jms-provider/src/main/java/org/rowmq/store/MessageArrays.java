package org.rowmq.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Messages as the column arrays a PostgreSQL statement takes apart with {@code unnest ... WITH ORDINALITY}:
 * destination, priority, visible_at, expires_at, payload, group_id and group_end, in list order. Shared by the
 * statements that write a whole group at once ({@link PostgresPublish}, {@link PostgresGroupWrite}), so that both
 * compute a row's times and group columns as {@link MessageWriter#insert} does.
 */
final class MessageArrays {

    /** How many parameters {@link #bind} takes. */
    static final int PARAMETERS = 7;
    /** The SQL that takes them apart, as relation {@code u} with those columns and {@code ord} (from 1). */
    static final String UNNEST = "unnest(?::varchar[], ?::int[], ?::bigint[], ?::bigint[], ?::bytea[], ?::varchar[],"
            + " ?::int[]) WITH ORDINALITY";

    private final String[] destinations;
    private final Integer[] priorities;
    private final Long[] visibleAt;
    private final Long[] expiresAt;
    private final byte[][] payloads;
    private final String[] groups;
    private final Integer[] groupEnds;

    /** The messages' columns, their delivery delay and time to live counted from {@code now}. */
    MessageArrays(List<OutgoingMessage> messages, long now) {
        int n = messages.size();
        destinations = new String[n];
        priorities = new Integer[n];
        visibleAt = new Long[n];
        expiresAt = new Long[n];
        payloads = new byte[n][];
        groups = new String[n];
        groupEnds = new Integer[n];
        for (int i = 0; i < n; i++) {
            OutgoingMessage m = messages.get(i);
            destinations[i] = m.destination();
            priorities[i] = m.priority();
            visibleAt[i] = m.deliveryDelay() > 0 ? now + m.deliveryDelay() : now;
            expiresAt[i] = m.timeToLive() > 0 ? now + m.timeToLive() : 0;
            payloads[i] = m.payload();
            groups[i] = m.group() == null ? null : m.group().id();
            groupEnds[i] = m.group() != null && m.group().closes() ? 1 : 0;
        }
    }

    /** Binds the arrays as the {@link #PARAMETERS} parameters from {@code index}; returns the next index. */
    int bind(PreparedStatement ps, int index) throws SQLException {
        java.sql.Connection c = ps.getConnection();
        ps.setArray(index++, c.createArrayOf("varchar", destinations));
        ps.setArray(index++, c.createArrayOf("int4", priorities));
        ps.setArray(index++, c.createArrayOf("int8", visibleAt));
        ps.setArray(index++, c.createArrayOf("int8", expiresAt));
        ps.setArray(index++, c.createArrayOf("bytea", payloads));
        ps.setArray(index++, c.createArrayOf("varchar", groups));
        ps.setArray(index++, c.createArrayOf("int4", groupEnds));
        return index;
    }
}
