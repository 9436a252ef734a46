package org.rowmq.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(Claimer.class);

    static final Comparator<StoredMessage> DELIVERY_ORDER =
            Comparator.comparingInt(StoredMessage::priority).reversed().thenComparingLong(StoredMessage::id);

    static final int HEAD_BYTES = 512;
    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 20;
    private static final int MAX_HEAD_PAGE = 500;

    private final Dialect dialect;
    private final MessageGroups groups;

    Claimer(Dialect dialect) {
        this.dialect = dialect;
        this.groups = new MessageGroups(dialect);
    }

    /** A row of a filtered page: the message with the start of its payload, and whether that is all of it. */
    private record Head(StoredMessage message, boolean complete) {
    }

    /**
     * Claims for {@code node}. Message groups: a claim takes only the head of a group that sticks to no other node
     * ({@link Dialect#groupHead()}), so a group has at most one message in flight; when it took grouped messages, their
     * groups then stick to this node ({@link MessageGroups#claimed}: one batch more, only then). Every row taken
     * carries the claim id {@code claim} ({@link CutClaims}).
     *
     * @param marks how many of the first rows taken (in delivery order) the claim's own UPDATE marks delivered (see
     *              {@link MessageWriter#markDelivered}), for consumers that would otherwise write those marks in a
     *              group commit of their own right after the claim; {@link Claimed#marked()} says how many it marked.
     *              A filtered claim marks none (its rows are not taken in delivery order)
     */
    Claimed claim(Connection c, String queue, String node, long claim, int marks, long now, int max,
                  ClaimFilter filter, BrowsePosition from) throws SQLException {
        Claimed claimed = claimRows(c, queue, node, claim, filter == null ? Math.max(0, marks) : 0, now, max, filter,
                from);
        try {
            groups.claimed(c, node, claimed.messages());
        } catch (SQLException e) {
            // The claim has committed: failing now would leave its messages in flight here, undelivered. Stickiness
            // only keeps a group in one place; the claimed heads, in flight, still hold their groups back from others.
            LOG.warn("RowMQ node {} claimed grouped messages of queue '{}' but could not record that their groups stick"
                    + " to it; their next messages may go to another node: {}", node, queue, e.getMessage());
        }
        return claimed;
    }

    private Claimed claimRows(Connection c, String queue, String node, long claim, int marks, long now, int max,
                              ClaimFilter filter, BrowsePosition from) throws SQLException {
        if (filter == null) {
            List<StoredMessage> head = Jdbc.retryingVictims(() -> dialect.claimHead(c, queue, node, claim, marks, now, max));
            if (head != null) {
                head.sort(DELIVERY_ORDER);
                return new Claimed(head, null, Math.min(marks, head.size()));
            }
        }
        List<StoredMessage> claimed = new ArrayList<>();
        BrowsePosition after = filter == null ? null : from;
        boolean wrapped = after == null;
        for (int page = 0; page < MAX_PAGES && claimed.size() < max; page++) {
            int size = filter == null ? Math.min(max - claimed.size(), MAX_HEAD_PAGE) : PAGE_SIZE;
            List<Head> rows = filter == null ? complete(claimPage(c, queue, node, now, after, size))
                    : heads(c, queue, node, now, after, size);
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
            // Unfiltered pages come in delivery order, so the marked rows stay the first ones claimed.
            int marking = Math.max(0, marks - claimed.size());
            if (!candidates.isEmpty()) claimed.addAll(claimCandidates(c, queue, node, claim, marking, now, candidates));
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
        return new Claimed(claimed, filter == null ? null : after, Math.min(marks, claimed.size()));
    }

    /** Claims the candidates still ready, the first {@code marks} of them marked delivered; the ones claimed, whole. */
    private List<StoredMessage> claimCandidates(Connection c, String queue, String node, long claim, int marks,
                                                long now, List<Head> candidates) throws SQLException {
        long[] ids = candidates.stream().mapToLong(h -> h.message().id()).toArray();
        Map<Long, Integer> won = Jdbc.retryingVictims(
                () -> dialect.claimCandidates(c, queue, node, claim, marks, now, ids));
        List<Head> ours = new ArrayList<>();
        for (Head h : candidates) {
            Integer count = won.get(h.message().id());
            if (count == null) continue;
            StoredMessage m = h.message();
            ours.add(new Head(m.with(count, m.payload()), h.complete()));
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
            result.add(new Head(m.with(m.deliveryCount(), payload), true));
        }
        return result;
    }

    /** Up to {@code n} rows {@code node} may claim after a position, with only the start of their payloads. */
    private List<Head> heads(Connection c, String queue, String node, long now, BrowsePosition after, int n)
            throws SQLException {
        List<Head> rows = new ArrayList<>();
        pages(c, queue, node, now, after, n, Dialect.Page.CLAIM_HEADS, ps -> {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new Head(Dialect.readClaimed(rs), rs.getLong(11) <= HEAD_BYTES));
            }
            return rows.size();
        });
        return rows;
    }

    /** Up to {@code n} rows {@code node} may claim after a position in delivery order, read without locks. */
    private List<StoredMessage> claimPage(Connection c, String queue, String node, long now, BrowsePosition after, int n)
            throws SQLException {
        List<StoredMessage> rows = new ArrayList<>();
        pages(c, queue, node, now, after, n, Dialect.Page.CLAIM, ps -> {
            rows.addAll(Dialect.readClaimedRows(ps));
            return rows.size();
        });
        return rows;
    }

    /** Up to {@code n} ready rows after a position in delivery order, read without locks: what a browser sees. */
    List<StoredMessage> page(Connection c, String queue, long now, BrowsePosition after, int n) throws SQLException {
        List<StoredMessage> rows = new ArrayList<>();
        pages(c, queue, null, now, after, n, Dialect.Page.BROWSE, ps -> {
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
    private void pages(Connection c, String queue, String node, long now, BrowsePosition after, int n,
                       Dialect.Page page, PageReader reader) throws SQLException {
        if (after == null) {
            try (PreparedStatement ps = c.prepareStatement(dialect.firstPage(n, page))) {
                bindPage(ps, page, queue, node, now);
                reader.read(ps);
            }
            return;
        }
        int read;
        try (PreparedStatement ps = c.prepareStatement(dialect.samePriorityPage(n, page))) {
            int next = bindPage(ps, page, queue, node, now);
            ps.setInt(next++, after.priority());
            ps.setLong(next, after.id());
            read = reader.read(ps);
        }
        if (read < n) {
            try (PreparedStatement ps = c.prepareStatement(dialect.lowerPriorityPage(n - read, page))) {
                int next = bindPage(ps, page, queue, node, now);
                ps.setInt(next, after.priority());
                reader.read(ps);
            }
        }
    }

    /** Binds a page's condition; returns the next parameter index. */
    private static int bindPage(PreparedStatement ps, Dialect.Page page, String queue, String node, long now)
            throws SQLException {
        ps.setString(1, queue);
        ps.setLong(2, now);
        ps.setLong(3, now);
        if (page != Dialect.Page.BROWSE) ps.setString(4, node);
        return page.parameters() + 1;
    }
}
