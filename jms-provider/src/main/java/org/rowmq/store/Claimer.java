package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims and browses ready rows in delivery order (priority descending, then id).
 *
 * <p>Without a filter the dialect claims the head of the queue directly where it can. With a filter (a selector),
 * and on H2 always, pages are read in delivery order without locks (keyset pagination on (priority, id), each page one
 * index-bounded query), matching rows are claimed by id with SKIP LOCKED, and non-matching rows are looked past. One
 * call reads at most {@link #MAX_PAGES} pages, so its cost is bounded however long the backlog of non-matching rows;
 * a filtered claim resumes where the previous one stopped, so every part of a long queue is looked at in turn.
 *
 * <p>A filtered claim's pages carry only the first {@link #HEAD_BYTES} bytes of each payload (the headers and
 * properties a selector reads, in the usual case) and its length; the whole payload is read, by id, only for the rows
 * claimed and for the rare row whose headers and properties do not fit.
 */
final class Claimer {

    static final Comparator<StoredMessage> DELIVERY_ORDER =
            Comparator.comparingInt(StoredMessage::priority).reversed().thenComparingLong(StoredMessage::id);

    static final int HEAD_BYTES = 512;
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 20;
    private static final int MAX_HEAD_PAGE = 500;

    private final Dialect dialect;

    Claimer(Dialect dialect) {
        this.dialect = dialect;
    }

    /** A row of a filtered page: the message with the start of its payload, and whether that is all of it. */
    private record Head(StoredMessage message, boolean complete) {
    }

    Claimed claim(Connection c, String queue, String node, long now, int max, ClaimFilter filter,
                  BrowsePosition from) throws SQLException {
        if (filter == null) {
            List<StoredMessage> head = Jdbc.retryingVictims(() -> dialect.claimHead(c, queue, node, now, max));
            if (head != null) {
                head.sort(DELIVERY_ORDER);
                return new Claimed(head, null);
            }
        }
        List<StoredMessage> claimed = new ArrayList<>();
        BrowsePosition after = filter == null ? null : from;
        boolean wrapped = after == null;
        for (int page = 0; page < MAX_PAGES && claimed.size() < max; page++) {
            int size = filter == null ? Math.min(max - claimed.size(), MAX_HEAD_PAGE) : PAGE_SIZE;
            List<Head> rows = filter == null ? complete(page(c, queue, now, after, size)) : heads(c, queue, now, after, size);
            List<Head> candidates = new ArrayList<>();
            List<Head> undecided = new ArrayList<>();
            int examined = 0;
            for (Head h : rows) {
                if (candidates.size() + undecided.size() + claimed.size() >= max) break;
                examined++;
                Boolean verdict = filter == null ? Boolean.TRUE : filter.matches(h.message(), h.complete());
                if (verdict == null) undecided.add(h);
                else if (verdict) candidates.add(h);
            }
            if (!undecided.isEmpty()) {
                for (Head h : whole(c, undecided)) {
                    if (Boolean.TRUE.equals(filter.matches(h.message(), true))) candidates.add(h);
                }
            }
            if (!candidates.isEmpty()) claimed.addAll(claimCandidates(c, queue, node, now, candidates));
            if (examined < rows.size()) {
                after = BrowsePosition.after(rows.get(examined - 1).message());
                break;
            }
            if (rows.size() < size) {
                // The end of the queue: a claim that started midway looks at the head next, in this call if it can.
                if (wrapped) {
                    after = null;
                    break;
                }
                wrapped = true;
                after = null;
                continue;
            }
            after = BrowsePosition.after(rows.get(rows.size() - 1).message());
        }
        claimed.sort(DELIVERY_ORDER);
        return new Claimed(claimed, filter == null ? null : after);
    }

    /** Claims the candidates still ready; the ones claimed, with their payloads whole. */
    private List<StoredMessage> claimCandidates(Connection c, String queue, String node, long now, List<Head> candidates)
            throws SQLException {
        long[] ids = candidates.stream().mapToLong(h -> h.message().id()).toArray();
        Map<Long, Integer> won = Jdbc.retryingVictims(() -> dialect.claimCandidates(c, queue, node, now, ids));
        List<Head> ours = new ArrayList<>();
        for (Head h : candidates) {
            Integer count = won.get(h.message().id());
            if (count == null) continue;
            StoredMessage m = h.message();
            ours.add(new Head(new StoredMessage(m.id(), m.destination(), m.priority(), count, m.originalDestination(),
                    m.deadLetterReason(), m.expiresAt(), m.payload()), h.complete()));
        }
        List<StoredMessage> result = new ArrayList<>(ours.size());
        for (Head h : whole(c, ours)) result.add(h.message());
        return result;
    }

    private static List<Head> complete(List<StoredMessage> messages) {
        List<Head> heads = new ArrayList<>(messages.size());
        for (StoredMessage m : messages) heads.add(new Head(m, true));
        return heads;
    }

    /** The same rows with their payloads whole: those read incomplete are read again, by id, in one statement. */
    private List<Head> whole(Connection c, List<Head> rows) throws SQLException {
        List<Long> partial = new ArrayList<>();
        for (Head h : rows) if (!h.complete()) partial.add(h.message().id());
        if (partial.isEmpty()) return rows;
        long[] ids = partial.stream().mapToLong(Long::longValue).toArray();
        Map<Long, byte[]> payloads = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, " + Dialect.PAYLOAD + " FROM rowmq_message WHERE "
                + dialect.idIn("id", ids.length))) {
            dialect.bindIds(ps, 1, ids, 0, ids.length);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) payloads.put(rs.getLong(1), rs.getBytes(2));
            }
        }
        List<Head> result = new ArrayList<>(rows.size());
        for (Head h : rows) {
            StoredMessage m = h.message();
            byte[] payload = h.complete() ? m.payload() : payloads.get(m.id());
            if (payload == null) continue; // gone meanwhile (acknowledged or expired elsewhere): nothing to judge
            result.add(new Head(new StoredMessage(m.id(), m.destination(), m.priority(), m.deliveryCount(),
                    m.originalDestination(), m.deadLetterReason(), m.expiresAt(), payload), true));
        }
        return result;
    }

    /** Up to {@code n} ready rows after a position, with only the start of their payloads. */
    private List<Head> heads(Connection c, String queue, long now, BrowsePosition after, int n) throws SQLException {
        List<Head> rows = new ArrayList<>();
        pages(c, queue, now, after, n, true, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new Head(Dialect.readMessage(rs), rs.getLong(9) <= HEAD_BYTES));
            }
            return rows.size();
        });
        return rows;
    }

    /** Up to {@code n} ready rows after a position in delivery order, read without locks. */
    List<StoredMessage> page(Connection c, String queue, long now, BrowsePosition after, int n) throws SQLException {
        List<StoredMessage> rows = new ArrayList<>();
        pages(c, queue, now, after, n, false, ps -> {
            rows.addAll(Dialect.readMessages(ps));
            return rows.size();
        });
        return rows;
    }

    @FunctionalInterface
    private interface PageReader {
        /** Reads the rows of a page statement; returns how many rows were read so far in all. */
        int read(PreparedStatement ps) throws SQLException;
    }

    /** Runs the page statements (same priority after the position, then lower priorities) until {@code n} rows. */
    private void pages(Connection c, String queue, long now, BrowsePosition after, int n, boolean heads, PageReader reader)
            throws SQLException {
        if (after == null) {
            try (PreparedStatement ps = c.prepareStatement(dialect.firstPage(n, heads))) {
                bindReady(ps, queue, now);
                reader.read(ps);
            }
            return;
        }
        int read;
        try (PreparedStatement ps = c.prepareStatement(dialect.samePriorityPage(n, heads))) {
            bindReady(ps, queue, now);
            ps.setInt(4, after.priority());
            ps.setLong(5, after.id());
            read = reader.read(ps);
        }
        if (read < n) {
            try (PreparedStatement ps = c.prepareStatement(dialect.lowerPriorityPage(n - read, heads))) {
                bindReady(ps, queue, now);
                ps.setInt(4, after.priority());
                reader.read(ps);
            }
        }
    }

    private static void bindReady(PreparedStatement ps, String queue, long now) throws SQLException {
        ps.setString(1, queue);
        ps.setLong(2, now);
        ps.setLong(3, now);
    }
}
