package org.rowmq.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Releases (put-backs) that failed or whose answer never came back, and their retry. A release that fails while the
 * database is out of reach (a failover, a server crash) would otherwise leave its rows in flight under this live node,
 * no consumer holding them, until the node closes or is presumed dead. Each is run again, like a cut claim, before
 * this node's next claim, at every housekeeping round and at close, until it succeeds.
 *
 * <p>A retry returns a row only while this node still holds it under the claim that held it when the release was
 * asked for: a release that did commit before its answer was lost leaves rows that another node, or a later claim
 * of this one, may hold by now, and those are not touched twice. When the release read its rows (with their claim
 * ids) before it failed, the retry asks for those very claims; when it failed before (then it committed nothing),
 * for any claim this node had made when the release was asked for: claim ids only grow within a node. The delivery
 * count follows the release's own rule: raised only for rows the application saw.
 */
final class CutReleases {

    /** A release to run again: the rows it meant to return and the claims that then held them. */
    private record Cut(long[] ids, Map<Long, Long> claims, long claimedUpTo, boolean delivered) {

        /** Whether this node still holds the row under the claim the release meant (see the class comment). */
        boolean stillHeld(Redelivery.InFlight row) {
            if (claims == null) return row.claim() <= claimedUpTo;
            Long claim = claims.get(row.id());
            return claim != null && claim == row.claim();
        }
    }

    private final String node;
    private final Redelivery redelivery;
    private final DatabaseClock clock;
    private final AtomicLong keys = new AtomicLong();
    private final Map<Long, Cut> cut = new ConcurrentHashMap<>();

    CutReleases(String node, Redelivery redelivery, DatabaseClock clock) {
        this.node = node;
        this.redelivery = redelivery;
        this.clock = clock;
    }

    /**
     * A release of {@code ids} that failed. {@code locked} are its rows as its last attempt read them, null when it
     * failed before reading them; {@code claimedUpTo} is the last claim id this node had made when it was asked for.
     */
    void cut(long[] ids, List<Redelivery.InFlight> locked, long claimedUpTo, boolean delivered) {
        if (locked == null) {
            cut.put(keys.incrementAndGet(), new Cut(ids, null, claimedUpTo, delivered));
            return;
        }
        if (locked.isEmpty()) return; // none of the rows was this node's any more
        Map<Long, Long> claims = new HashMap<>();
        for (Redelivery.InFlight r : locked) claims.put(r.id(), r.claim());
        cut.put(keys.incrementAndGet(), new Cut(locked.stream().mapToLong(Redelivery.InFlight::id).toArray(), claims,
                claimedUpTo, delivered));
    }

    boolean any() {
        return !cut.isEmpty();
    }

    /**
     * Runs every cut release again, each in its own transaction; one that fails stays to be run next time. Returns the
     * destinations that got rows back.
     */
    Set<String> returnAll(Connection c) throws SQLException {
        Set<String> destinations = new LinkedHashSet<>();
        for (Map.Entry<Long, Cut> e : cut.entrySet()) {
            Cut release = e.getValue();
            destinations.addAll(Jdbc.retryingVictims(() -> Jdbc.inTransaction(c, () -> {
                List<Redelivery.InFlight> rows = redelivery.lockOwned(c, node, release.ids()).stream()
                        .filter(release::stillHeld).toList();
                if (rows.isEmpty()) return Set.<String>of();
                return release.delivered() ? redelivery.redeliver(c, rows, clock.now()) : redelivery.returnUntouched(c, rows);
            })));
            cut.remove(e.getKey());
        }
        return destinations;
    }
}
