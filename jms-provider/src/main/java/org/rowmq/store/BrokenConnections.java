package org.rowmq.store;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells RowMQ's pool which failures mean the connection is dead, so it is evicted instead of handed out again.
 * HikariCP knows the standard SQLState class 08 and some vendor codes; H2 reports a closed database or a broken
 * network connection with its own codes (90121, 90067, 90098), which HikariCP alone would keep recycling.
 */
final class BrokenConnections implements SQLExceptionOverride {

    private static final int H2_CONNECTION_BROKEN = 90067;
    private static final int H2_DATABASE_IS_CLOSED = 90098;
    private static final int H2_DATABASE_CALLED_AT_SHUTDOWN = 90121;

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            if (isBroken(s)) return SQLExceptionOverride.Override.MUST_EVICT;
        }
        return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }

    static boolean isBroken(SQLException e) {
        if (e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException
                || e instanceof SQLTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) return true;
        int code = e.getErrorCode();
        return code == H2_CONNECTION_BROKEN || code == H2_DATABASE_IS_CLOSED || code == H2_DATABASE_CALLED_AT_SHUTDOWN;
    }
}
