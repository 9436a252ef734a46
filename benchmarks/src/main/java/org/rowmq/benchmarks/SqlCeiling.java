package org.rowmq.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The ceiling of plain SQL for a queue with acknowledgement semantics on the same PostgreSQL: 4 producer connections
 * insert k 1 KiB rows per commit (pausing above the backlog), 4 consumer connections claim k ready rows
 * ({@code FOR UPDATE SKIP LOCKED}) and commit, then delete them and commit (the acknowledgement). No JMS, no
 * provider: what the database itself allows at k messages per commit.
 */
final class SqlCeiling {
    private static final int CONNECTIONS = 4;

    private SqlCeiling() {
    }

    /** Messages claimed and deleted per second in the window. */
    static double run(Database.Jdbc jdbc, int k, Duration warmup, Duration window, long backlog, int run)
            throws Exception {
        String table = "ceiling" + run;
        try (Connection c = jdbc.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id bigserial PRIMARY KEY, claimed boolean NOT NULL DEFAULT false,"
                    + " body bytea NOT NULL)");
            s.execute("CREATE INDEX " + table + "_ready ON " + table + " (id) WHERE NOT claimed");
        }
        LongAdder inserted = new LongAdder();
        LongAdder deleted = new LongAdder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        byte[] body = new byte[Workload.KIB];
        // The batch size is part of the claim's text: bound as a parameter, LIMIT makes the generic plan a scan.
        String claim = "UPDATE " + table + " SET claimed = true WHERE id IN (SELECT id FROM " + table
                + " WHERE NOT claimed ORDER BY id LIMIT " + k + " FOR UPDATE SKIP LOCKED) RETURNING id";
        for (int i = 0; i < CONNECTIONS; i++) {
            threads.add(thread(failure, () -> {
                try (Connection c = jdbc.connect();
                     PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (body) VALUES (?)")) {
                    c.setAutoCommit(false);
                    while (!stop.get()) {
                        if (inserted.sum() - deleted.sum() > backlog) {
                            LockSupport.parkNanos(100_000);
                            continue;
                        }
                        for (int n = 0; n < k; n++) {
                            insert.setBytes(1, body);
                            insert.addBatch();
                        }
                        insert.executeBatch();
                        c.commit();
                        inserted.add(k);
                    }
                }
            }));
            threads.add(thread(failure, () -> {
                try (Connection c = jdbc.connect(); PreparedStatement claimed = c.prepareStatement(claim);
                     PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ANY (?)")) {
                    c.setAutoCommit(false);
                    List<Long> ids = new ArrayList<>(k);
                    while (!stop.get()) {
                        ids.clear();
                        try (ResultSet rs = claimed.executeQuery()) {
                            while (rs.next()) ids.add(rs.getLong(1));
                        }
                        c.commit();
                        if (ids.isEmpty()) {
                            LockSupport.parkNanos(100_000);
                            continue;
                        }
                        Array array = c.createArrayOf("bigint", ids.toArray());
                        delete.setArray(1, array);
                        delete.executeUpdate();
                        c.commit();
                        deleted.add(ids.size());
                    }
                }
            }));
        }
        try {
            threads.forEach(Thread::start);
            TimeUnit.NANOSECONDS.sleep(warmup.toNanos());
            long before = deleted.sum();
            long from = System.nanoTime();
            TimeUnit.NANOSECONDS.sleep(window.toNanos());
            long after = deleted.sum();
            long to = System.nanoTime();
            if (failure.get() != null) throw new IllegalStateException("the plain-SQL run failed", failure.get());
            return (after - before) / ((to - from) / 1e9);
        } finally {
            stop.set(true);
            for (Thread t : threads) t.join(TimeUnit.SECONDS.toMillis(30));
            try (Connection c = jdbc.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + table);
            }
        }
    }

    private interface Body {
        void run() throws SQLException;
    }

    private static Thread thread(AtomicReference<Throwable> failure, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "plain-sql");
        t.setDaemon(true);
        return t;
    }
}
