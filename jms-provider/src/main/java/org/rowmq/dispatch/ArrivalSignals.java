package org.rowmq.dispatch;

import org.rowmq.store.ArrivalListener;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Per-JVM wake-ups: consumers waiting on a destination register a {@link Waiter}; the store reports arrivals (this
 * JVM's commits at once, other JVMs' through database notifications where the database has them).
 */
public final class ArrivalSignals implements ArrivalListener {
    private final ConcurrentHashMap<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();

    public void register(String destination, Waiter waiter) {
        waiters.computeIfAbsent(destination, d -> new CopyOnWriteArraySet<>()).add(waiter);
    }

    public void unregister(String destination, Waiter waiter) {
        waiters.computeIfPresent(destination, (d, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }

    @Override
    public void arrived(String destination) {
        Set<Waiter> set = waiters.get(destination);
        if (set != null) set.forEach(Waiter::wake);
    }
}
