package org.rowmq.tx;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether a PostgreSQL server can be an XA resource manager: PREPARE TRANSACTION needs
 * {@code max_prepared_transactions} above 0, which only a server restart can change. The machine's shared server is
 * never reconfigured by tests; this check says which server was used and what it lacks.
 */
record PostgresPreparedTransactions(String url, Integer maxPreparedTransactions, SQLException unreachable) {

    static final String URL = System.getProperty("rowmq.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("rowmq.test.postgres.user", "postgres");

    static PostgresPreparedTransactions check() {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW max_prepared_transactions")) {
            rows.next();
            return new PostgresPreparedTransactions(URL, Integer.parseInt(rows.getString(1)), null);
        } catch (SQLException e) {
            return new PostgresPreparedTransactions(URL, null, e);
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, "");
    }

    boolean reachable() {
        return unreachable == null;
    }

    boolean supportsXa() {
        return reachable() && maxPreparedTransactions > 0;
    }

    String report() {
        if (!reachable()) {
            return "PostgreSQL at " + URL + " is not reachable (" + unreachable.getMessage() + ")";
        }
        if (maxPreparedTransactions == 0) {
            return "PostgreSQL at " + URL + " has max_prepared_transactions = 0, so XA prepare (PREPARE TRANSACTION)"
                    + " fails there. The PostgreSQL XA scenario needs a server started with"
                    + " max_prepared_transactions > 0 (set in postgresql.conf; it takes a server restart). Tests never"
                    + " reconfigure the shared server: point -Drowmq.test.postgres.url at a server that has it raised.";
        }
        return "PostgreSQL at " + URL + " has max_prepared_transactions = " + maxPreparedTransactions
                + ": XA prepare is possible";
    }
}
