package org.rowmq.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A PostgreSQL server the benchmark writes to: the private cluster it starts, or a given one (the smoke test). */
interface Database {

    /** The database for one provider; the private cluster gives each provider a database of its own. */
    Jdbc database(String name) throws SQLException;

    /** How to reach one database. */
    record Jdbc(String url, String user, String password) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    /** An existing server and database shared by every provider (their tables have distinct names). */
    static Database existing(String url, String user, String password) {
        Jdbc jdbc = new Jdbc(url, user, password);
        return name -> jdbc;
    }
}
