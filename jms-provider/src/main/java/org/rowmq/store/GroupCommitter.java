package org.rowmq.store;

import javax.sql.DataSource;

/**
 * The store's group commit: a few {@link CommitLane}s, each a thread and a connection gathering units into one
 * database transaction. Most work goes to the first lane, whose groups grow with the load; a second lane lets a unit
 * commit at once beside the first lane's commit where it would otherwise wait a whole commit for nothing: in one
 * producer and one consumer, the consumer's delete and the producer's insert each waited behind the other's commit.
 * PostgreSQL flushes the WAL of commits arriving on several connections together, so the overlapping commit adds
 * little wait. Cost: a unit sent beside is a commit of its own, which it would have had anyway (it found nothing to
 * share); 1 x 1 writes 2.1-2.8 transactions per message instead of 1.7-2.2, each waited for in parallel. Under load
 * the first lane nearly always has a group gathering and units join it: splitting the load over lanes would shrink
 * the groups and multiply the commits, which costs more database CPU than the overlap saves (measured on PostgreSQL,
 * see docs/architecture.md, "Send").
 *
 * <p>Order: every unit of a {@link WriteOrder} goes to the lane of its order's units not yet completed, whose queue and
 * groups keep submission order, so a session's sends (also those it does not wait for) are stored and completed in
 * send order and its acknowledgements follow its delivery marks. An order with nothing pending may move: all its
 * earlier units are then committed and their futures' dependents have run. Units of different orders have no order
 * between them to keep, as with one lane, where two callers' units were ordered only by who came first.
 */
final class GroupCommitter {
    /** The first lane and one beside it (see the class). */
    private static final int MAX_LANES = 2;
    /** Pool connections per lane: the rest serve claims, redelivery and housekeeping. */
    private static final int CONNECTIONS_PER_LANE = 4;

    private final CommitLane[] lanes;

    GroupCommitter(DataSource dataSource, Dialect dialect, DatabaseClock clock, MessageWriter writer, Arrivals arrivals,
                   String nodeId, StoreMetrics metrics, int poolSize) {
        lanes = new CommitLane[lanes(poolSize)];
        for (int i = 0; i < lanes.length; i++) {
            lanes[i] = new CommitLane(dataSource, dialect, clock, writer, arrivals, nodeId, metrics, i);
        }
    }

    /** A lane holds a connection for the store's life: a small pool keeps one lane, so claims still get connections. */
    static int lanes(int poolSize) {
        return Math.max(1, Math.min(MAX_LANES, poolSize / CONNECTIONS_PER_LANE));
    }

    WriteOrder newOrder() {
        return new WriteOrder();
    }

    void submit(WriteOrder order, WorkUnit unit) {
        CommitLane lane = order.take(this::choose);
        unit.afterDone(order::release);
        lane.submit(unit);
    }

    /**
     * The first lane, unless it is committing a lone unit with nothing gathered behind it and another lane is idle:
     * then that one, which commits at once instead of after the first lane's commit.
     */
    private CommitLane choose() {
        CommitLane first = lanes[0];
        if (!first.committingAlone()) return first;
        for (int i = 1; i < lanes.length; i++) {
            if (lanes[i].idle()) return lanes[i];
        }
        return first;
    }

    /** Group commits, units, rows and statements, summed over the lanes. */
    long[] counters() {
        long[] sum = new long[4];
        for (CommitLane lane : lanes) {
            long[] c = lane.counters();
            for (int i = 0; i < sum.length; i++) sum[i] += c[i];
        }
        return sum;
    }

    /** Commits what was submitted before, then stops: every lane refuses new work first, then they drain together. */
    void close() {
        for (CommitLane lane : lanes) lane.refuse();
        for (CommitLane lane : lanes) lane.close();
    }
}
