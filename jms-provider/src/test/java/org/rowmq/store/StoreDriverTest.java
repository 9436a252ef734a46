package org.rowmq.store;

import jakarta.jms.JMSException;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JDBC URL whose driver is not on the class path ends in a JMSException that says which artifact to add. */
class StoreDriverTest {

    @Test
    void aUrlOfAnUnsupportedDatabaseSaysWhichAreSupported() {
        JMSException e = assertThrows(JMSException.class,
                () -> Stores.open(StoreConfig.url("jdbc:sqlserver://127.0.0.1:1433;databaseName=test", "sa", "secret")));
        assertTrue(e.getMessage().contains("jdbc:sqlserver:"), e.getMessage());
        assertTrue(e.getMessage().contains("H2, PostgreSQL and MariaDB"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), "no credentials in the message: " + e.getMessage());
    }

    @Test
    void aMissingPostgresqlDriverNamesItsMavenArtifact() {
        JMSException e = assertThrows(JMSException.class, () -> JdbcDrivers.require(
                "jdbc:postgresql://db/app", url -> {
                    throw new SQLException("No suitable driver", "08001");
                }));
        assertTrue(e.getMessage().contains("org.postgresql:postgresql"), e.getMessage());
    }

    @Test
    void aMissingMariadbDriverNamesItsMavenArtifact() {
        JMSException e = assertThrows(JMSException.class, () -> JdbcDrivers.require(
                "jdbc:mariadb://db/app", url -> {
                    throw new SQLException("No suitable driver", "08001");
                }));
        assertTrue(e.getMessage().contains("org.mariadb.jdbc:mariadb-java-client"), e.getMessage());
    }

    @Test
    void aPresentDriverPasses() throws Exception {
        JdbcDrivers.require("jdbc:postgresql://db/app", java.sql.DriverManager::getDriver);
        JdbcDrivers.require("jdbc:h2:mem:x", java.sql.DriverManager::getDriver);
    }
}
