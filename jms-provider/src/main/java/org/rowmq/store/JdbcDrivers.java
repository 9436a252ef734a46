package org.rowmq.store;

import jakarta.jms.JMSException;

import java.sql.Driver;
import java.sql.SQLException;

/**
 * Checks, before RowMQ builds its pool, that a JDBC driver accepts the URL. The PostgreSQL and MariaDB drivers are
 * optional dependencies the application brings; without one, the pool would fail with a bare RuntimeException.
 */
final class JdbcDrivers {

    /** Finds the driver for a URL: {@link java.sql.DriverManager#getDriver} (tests pass another). */
    @FunctionalInterface
    interface Lookup {
        Driver find(String url) throws SQLException;
    }

    private JdbcDrivers() {
    }

    static void require(String url, Lookup lookup) throws JMSException {
        try {
            if (lookup.find(url) != null) return;
        } catch (SQLException e) {
            // no driver accepts the URL: said below
        }
        // Only the scheme: the rest of a URL may carry credentials.
        String scheme = scheme(url);
        String artifact = switch (scheme) {
            case "jdbc:postgresql:" -> "org.postgresql:postgresql";
            case "jdbc:mariadb:" -> "org.mariadb.jdbc:mariadb-java-client";
            case "jdbc:h2:" -> "com.h2database:h2";
            default -> null;
        };
        if (artifact == null) {
            throw new JMSException("RowMQ supports H2, PostgreSQL and MariaDB; no JDBC driver accepts a URL starting '"
                    + scheme + "'. Use a jdbc:h2:, jdbc:postgresql: or jdbc:mariadb: URL");
        }
        throw new JMSException("No JDBC driver for '" + scheme + "' URLs is on the class path: add the dependency "
                + artifact + " to the application (RowMQ declares it optional)");
    }

    private static String scheme(String url) {
        int second = url.indexOf(':', url.indexOf(':') + 1);
        return second < 0 ? url : url.substring(0, second + 1);
    }
}
