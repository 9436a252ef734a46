package org.rowmq.spring.boot;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The databases the starter's tests run a Boot application on: H2 as Boot creates it with no setup (embedded, in
 * memory, a fresh one per application), and a fresh schema of the local PostgreSQL and MariaDB for each application
 * ({@code spring.datasource.*} properties). An unreachable server skips its tests unless the build says
 * {@code rowmq.test.databases=required} (CI), where it fails them.
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

    static Stream<BootDatabase> all() {
        return Stream.of(values());
    }

    /** The spring.datasource properties of a fresh, empty database (none for H2: Boot's embedded default). */
    List<String> freshDataSourceProperties() {
        List<String> p = new ArrayList<>();
        if (this == H2) return p;
        String name = "rowmq_boot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(serverUrl, user, ""); Statement st = c.createStatement()) {
            st.execute(this == POSTGRESQL ? "CREATE SCHEMA " + name : "CREATE DATABASE " + name);
        } catch (SQLException e) {
            if ("required".equals(System.getProperty("rowmq.test.databases")))
                throw new IllegalStateException(this + " is required and unreachable at " + serverUrl, e);
            Assumptions.abort(this + " unreachable at " + serverUrl + ": " + e.getMessage());
        }
        p.add("spring.datasource.url=" + (this == POSTGRESQL ? serverUrl + "?currentSchema=" + name
                : "jdbc:mariadb://127.0.0.1:3306/" + name));
        p.add("spring.datasource.username=" + user);
        p.add("spring.datasource.password=");
        return p;
    }
}
