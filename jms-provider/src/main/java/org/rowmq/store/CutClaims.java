package org.rowmq.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Claims whose answer never came back, and the return of their rows. Every claim writes a claim id of its own on the
 * rows it takes (by the claim's own UPDATE: no statement more). When a claim fails, its rows may have been claimed
 * all the same: a filtered claim's earlier pages committed before a later one failed, or the connection broke after
 * the claim committed (a server crash, or a
 * PostgreSQL failover whose standby had already received the commit), so the rows are in flight under this live node
 * although no consumer holds them. They are returned, untouched (no delivery was made, so the delivery count stays),
 * before this node's next claim, on whichever queue, or by the next housekeeping round when no claim comes (with the
 * releases whose answer was lost, {@link CutReleases}): one UPDATE per cut claim, through the owner_node index; a claim
 * that had not committed matches nothing. While the database stays out of reach that return fails and no claim runs,
 * so cut claims do not pile up. A cut claim still running on a server that has not noticed the lost connection could
 * commit after its return: its rows then wait for this node's close, as all cut claims did before.
 *
 * <p>Every failure is treated alike rather than only a lost connection: drivers report a lost answer with several
 * SQLStates, a filtered claim may lose a later page as a deadlock victim, and a needless return costs one statement
 * after a failure, never a duplicate delivery (only rows no consumer saw carry the id).
 */
final class CutClaims {

    private final Dialect dialect;
    private final String node;
    /** Claim ids; the random start keeps a restarted node reusing its id from meeting its former claims' ids. */
    private final AtomicLong ids = new AtomicLong(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2));
    /** Cut claim id to its queue. */
    private final Map<Long, String> cut = new ConcurrentHashMap<>();

    CutClaims(Dialect dialect, String node) {
        this.dialect = dialect;
        this.node = node;
    }

    /** The id of a new claim. */
    long next() {
        return ids.incrementAndGet();
    }

    /** The id of the last claim this node began; later claims have greater ids. */
    long last() {
        return ids.get();
    }

    /** A claim that failed: its rows, if it took any, are returned by the next {@link #returnAll}. */
    void cut(long claim, String queue) {
        cut.put(claim, queue);
    }

    boolean any() {
        return !cut.isEmpty();
    }

    /**
     * Returns the rows of every cut claim to ready, each claim in its own autocommit statement; a claim whose return
     * fails stays to be returned next time. Returns the queues that got rows back.
     */
    Set<String> returnAll(Connection c) throws SQLException {
        Set<String> queues = new LinkedHashSet<>();
        for (Map.Entry<Long, String> e : cut.entrySet()) {
            if (dialect.returnClaim(c, e.getValue(), node, e.getKey()) > 0) queues.add(e.getValue());
            cut.remove(e.getKey());
        }
        return queues;
    }
}
