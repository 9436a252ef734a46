package org.rowmq.ra;

import org.rowmq.client.RowXAConnectionFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * The provider factories of one started resource adapter, one per distinct configuration, so that every connection
 * definition and activation with the same settings shares one store (one pool, one node in the lease table). They are
 * closed when the adapter stops.
 */
final class Factories {
    private final Map<Settings, RowXAConnectionFactory> bySettings = new HashMap<>();

    synchronized RowXAConnectionFactory get(Settings settings) {
        return bySettings.computeIfAbsent(settings, Settings::newFactory);
    }

    synchronized void closeAll() {
        bySettings.values().forEach(RowXAConnectionFactory::close);
        bySettings.clear();
    }
}
