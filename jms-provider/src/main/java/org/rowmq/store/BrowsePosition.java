package org.rowmq.store;

/** Where a browse page ended, in delivery order (priority descending, then id ascending). */
public record BrowsePosition(int priority, long id) {
    public static BrowsePosition after(StoredMessage m) {
        return new BrowsePosition(m.priority(), m.id());
    }
}
