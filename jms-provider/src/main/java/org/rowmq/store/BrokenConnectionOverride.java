package org.rowmq.store;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;

/**
 * Tells HikariCP to drop a connection whose database went away. Hikari evicts on SQLState class 08 by itself, but
 * H2 reports a closed database as 90121/90067 and a pooled connection used within the last half second is handed out
 * unchecked, so without this a restarted database would keep meeting the same dead connections.
 */
public final class BrokenConnectionOverride implements SQLExceptionOverride {
    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        if (e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException) return SQLExceptionOverride.Override.MUST_EVICT;
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("90121") || state.equals("90067"))) return SQLExceptionOverride.Override.MUST_EVICT;
        return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
