package org.rowmq.spring.boot;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The databases the starter's tests run a Boot application on: H2 as Boot creates it with no setup (embedded, in
 * memory, a fresh one per application context), and a fresh schema of the local PostgreSQL and MariaDB for each
 * application context ({@code spring.datasource.*} properties). An unreachable server skips its tests unless the build
 * says {@code rowmq.test.databases=required} (CI), where it fails them.
 */
enum BootDatabase {
    H2(null, null),
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root");

    private final String serverUrl;
    private final String user;

    BootDatabase(String serverUrl, String user) {
        this.serverUrl = serverUrl;
        this.user = user;
    }

    /**
     * Skips the calling test (or class, before Spring starts its application: see {@link OnDatabase}) when the server
     * is unreachable and the build does not require it.
     */
    void assumeReachable() {
        if (this == H2) return;
        try (Connection ignored = DriverManager.getConnection(serverUrl, user, "")) {
            // reachable
        } catch (SQLException e) {
            if ("required".equals(System.getProperty("rowmq.test.databases")))
                throw new IllegalStateException(this + " is required and unreachable at " + serverUrl, e);
            Assumptions.abort(this + " unreachable at " + serverUrl + ": " + e.getMessage());
        }
    }

    /** The spring.datasource properties of a fresh, empty database (none for H2: Boot's embedded default). */
    Map<String, String> freshDataSourceProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        if (this == H2) return p;
        String name = "rowmq_boot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(serverUrl, user, ""); Statement st = c.createStatement()) {
            st.execute(this == POSTGRESQL ? "CREATE SCHEMA " + name : "CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a fresh database on " + this + " at " + serverUrl, e);
        }
        p.put("spring.datasource.url", this == POSTGRESQL ? serverUrl + "?currentSchema=" + name
                : "jdbc:mariadb://127.0.0.1:3306/" + name);
        p.put("spring.datasource.username", user);
        p.put("spring.datasource.password", "");
        return p;
    }
}
