package org.rowmq.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Claims and browses ready rows in delivery order (priority descending, then id).
 *
 * <p>Without a filter the dialect claims the head of the queue directly where it can. With a filter (a selector),
 * and on H2 always, pages are read in delivery order without locks (keyset pagination on (priority, id), each page one
 * index-bounded query), matching rows are claimed by id with SKIP LOCKED, and non-matching rows are looked past. One
 * call reads at most {@link #MAX_PAGES} pages, so its cost is bounded however long the backlog of non-matching rows.
 */
final class Claimer {

    static final Comparator<StoredMessage> DELIVERY_ORDER =
            Comparator.comparingInt(StoredMessage::priority).reversed().thenComparingLong(StoredMessage::id);

    private static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 20;
    private static final int MAX_HEAD_PAGE = 500;

    private final Dialect dialect;

    Claimer(Dialect dialect) {
        this.dialect = dialect;
    }

    List<StoredMessage> claim(Connection c, String queue, String node, long now, int max,
                              Predicate<StoredMessage> filter) throws SQLException {
        if (filter == null) {
            List<StoredMessage> head = dialect.claimHead(c, queue, node, now, max);
            if (head != null) {
                head.sort(DELIVERY_ORDER);
                return head;
            }
        }
        List<StoredMessage> claimed = new ArrayList<>();
        BrowsePosition after = null;
        for (int page = 0; page < MAX_PAGES && claimed.size() < max; page++) {
            int size = filter == null ? Math.min(max - claimed.size(), MAX_HEAD_PAGE) : PAGE_SIZE;
            List<StoredMessage> rows = page(c, queue, now, after, size);
            if (rows.isEmpty()) break;
            List<StoredMessage> candidates = new ArrayList<>();
            for (StoredMessage m : rows) {
                if (candidates.size() + claimed.size() >= max) break;
                if (filter == null || filter.test(m)) candidates.add(m);
            }
            if (!candidates.isEmpty()) {
                long[] ids = candidates.stream().mapToLong(StoredMessage::id).toArray();
                Map<Long, Integer> won = dialect.claimCandidates(c, queue, node, now, ids);
                for (StoredMessage m : candidates) {
                    Integer count = won.get(m.id());
                    if (count != null) {
                        claimed.add(new StoredMessage(m.id(), m.destination(), m.priority(), count,
                                m.originalDestination(), m.deadLetterReason(), m.expiresAt(), m.payload()));
                    }
                }
            }
            if (rows.size() < size) break;
            after = BrowsePosition.after(rows.get(rows.size() - 1));
        }
        return claimed;
    }

    /** Up to {@code n} ready rows after a position in delivery order, read without locks. */
    List<StoredMessage> page(Connection c, String queue, long now, BrowsePosition after, int n) throws SQLException {
        if (after == null) {
            try (PreparedStatement ps = c.prepareStatement(dialect.firstPage(n))) {
                bindReady(ps, queue, now);
                return Dialect.readMessages(ps);
            }
        }
        List<StoredMessage> rows;
        try (PreparedStatement ps = c.prepareStatement(dialect.samePriorityPage(n))) {
            bindReady(ps, queue, now);
            ps.setInt(4, after.priority());
            ps.setLong(5, after.id());
            rows = Dialect.readMessages(ps);
        }
        if (rows.size() < n) {
            try (PreparedStatement ps = c.prepareStatement(dialect.lowerPriorityPage(n - rows.size()))) {
                bindReady(ps, queue, now);
                ps.setInt(4, after.priority());
                rows.addAll(Dialect.readMessages(ps));
            }
        }
        return rows;
    }

    private static void bindReady(PreparedStatement ps, String queue, long now) throws SQLException {
        ps.setString(1, queue);
        ps.setLong(2, now);
        ps.setLong(3, now);
    }
}
