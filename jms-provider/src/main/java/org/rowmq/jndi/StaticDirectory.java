package org.rowmq.jndi;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Names bound from properties; built once by {@link JndiConfiguration}, never changed after. */
final class StaticDirectory implements Directory {
    private final Map<String, Object> entries = new TreeMap<>();

    @Override
    public Object get(String component) {
        return entries.get(component);
    }

    @Override
    public Map<String, Object> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** The subdirectory under {@code component}, made on first use; null when an object is bound there instead. */
    StaticDirectory subdirectory(String component) {
        Object existing = entries.computeIfAbsent(component, c -> new StaticDirectory());
        return existing instanceof StaticDirectory directory ? directory : null;
    }

    /** Binds unless the name is taken; returns whether it was free. */
    boolean bind(String component, Object value) {
        return entries.putIfAbsent(component, value) == null;
    }
}
