package org.rowmq.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.xa.PGXADataSource;

/**
 * PostgreSQL as an XA resource manager next to H2. Runs only against a server whose max_prepared_transactions is
 * above 0; the check says clearly which server was used and why the scenario did not run.
 */
class PostgresXaTest {

    private static PostgresPreparedTransactions server;

    @TempDir
    Path dir;

    @BeforeAll
    static void checkServer() {
        server = PostgresPreparedTransactions.check();
        System.out.println(server.report());
        if (!server.reachable()) {
            if ("required".equals(System.getProperty("rowmq.test.databases"))) {
                fail(server.report());
            }
            assumeTrue(false, server.report());
        }
    }

    @Test
    void aServerWithoutPreparedTransactionsRefusesPrepareAsTheCheckReports() throws Exception {
        assumeTrue(server.maxPreparedTransactions() == 0, server.report());
        assertTrue(server.report().contains("max_prepared_transactions = 0")
                && server.report().contains("restart"), server.report());

        try (Connection connection = PostgresPreparedTransactions.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT 1");
                SQLException refused = assertThrows(SQLException.class,
                        () -> statement.execute("PREPARE TRANSACTION 'rowmq_probe_" + UUID.randomUUID() + "'"));
                assertEquals("55000", refused.getSQLState(), refused.getMessage());
            } finally {
                connection.rollback();
            }
        }
    }

    @Test
    void postgresAndH2BranchesCommitTogether() throws Exception {
        assumeTrue(server.supportsXa(), server.report());
        String table = "tx_pg_" + UUID.randomUUID().toString().replace("-", "");
        H2Database orders = H2Database.create(dir, "orders");
        try (Connection admin = PostgresPreparedTransactions.connect(); Statement ddl = admin.createStatement()) {
            ddl.execute("CREATE TABLE " + table + " (id VARCHAR(64) PRIMARY KEY)");
            try (TxCoordinator coordinator = TestCoordinators.start()) {
                coordinator.registerXADataSource("orders-db", orders.xaDataSource());
                coordinator.registerXADataSource("payments-pg", postgresXaDataSource());

                coordinator.inTransaction(tx -> {
                    H2Database.insert(tx.connection("orders-db"), "pg-1");
                    try (PreparedStatement insert = tx.connection("payments-pg")
                            .prepareStatement("INSERT INTO " + table + " (id) VALUES (?)")) {
                        insert.setString(1, "pg-1");
                        insert.executeUpdate();
                    }
                });
            }
            assertTrue(orders.hasRow("pg-1"));
            try (ResultSet rows = ddl.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                assertEquals(1, rows.getInt(1));
            }
        } finally {
            try (Connection admin = PostgresPreparedTransactions.connect(); Statement ddl = admin.createStatement()) {
                ddl.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private static PGXADataSource postgresXaDataSource() {
        PGXADataSource dataSource = new PGXADataSource();
        dataSource.setUrl(PostgresPreparedTransactions.URL);
        dataSource.setUser(PostgresPreparedTransactions.USER);
        return dataSource;
    }
}
