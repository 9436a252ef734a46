package org.rowmq.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a set of sends is written as. A queue message is one row of rowmq_message carrying its payload. A published
 * message is one body (its payload, stored once in rowmq_body) and one narrow row per matching subscription naming that
 * body; with no matching subscription it is nothing at all. Filled by {@link Subscriptions#fanOut}, written by
 * {@link MessageWriter#insert(java.sql.Connection, Rows, long)}.
 */
final class Rows {

    /**
     * One row of rowmq_message.
     *
     * @param message its destination and settings; its payload is written only when {@code body} is -1
     * @param body    the index of its body in {@link #bodies()}, or -1 when the row carries its payload itself
     */
    record Row(OutgoingMessage message, int body) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<byte[]> bodies = new ArrayList<>();
    /** The subscriptions of each topic, read once per transaction however many units of a group publish to it. */
    final Map<String, List<Subscriptions.Target>> targets = new HashMap<>();

    void addInline(OutgoingMessage message) {
        rows.add(new Row(message, -1));
    }

    /** Adds a body and returns its index for {@link #addNarrow}. */
    int addBody(byte[] payload) {
        bodies.add(payload);
        return bodies.size() - 1;
    }

    void addNarrow(OutgoingMessage copy, int body) {
        rows.add(new Row(copy, body));
    }

    List<Row> rows() {
        return rows;
    }

    List<byte[]> bodies() {
        return bodies;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    Set<String> destinations() {
        Set<String> names = new LinkedHashSet<>();
        for (Row r : rows) names.add(r.message().destination());
        return names;
    }
}
