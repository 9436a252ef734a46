package org.rowmq.appconn;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.jms.JMSContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.testsupport.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A RowConnectionFactory on the application's own DataSource: its tables go there and the pool is shared. */
class DataSourceFactoryTest {
    static final long WAIT = 30_000;

    static Stream<TestDatabase> databases() {
        return TestDatabase.all();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theFactoryCreatesItsTablesInTheApplicationsDatabaseAndLeavesThePoolOpen(TestDatabase db) throws Exception {
        try (OtherDatabase fresh = OtherDatabase.create(db); HikariDataSource pool = AppDb.pool(fresh.database())) {
            try (Connection c = pool.getConnection()) {
                assertThrows(SQLException.class, () -> count(c), "a fresh database has no RowMQ tables yet");
            }
            String q = TestDatabase.unique("pooled");
            try (RowConnectionFactory cf = new RowConnectionFactory(pool)) {
                try (JMSContext plain = cf.createContext()) {
                    plain.createProducer().send(plain.createQueue(q), "through the application's pool");
                    assertEquals("through the application's pool",
                            plain.createConsumer(plain.createQueue(q)).receiveBody(String.class, WAIT));
                }
                // A connection of the same pool is accepted for the application's transaction.
                try (Connection app = pool.getConnection()) {
                    app.setAutoCommit(false);
                    try (JMSContext jms = cf.createContext(app)) {
                        jms.createProducer().send(jms.createQueue(q), "in the application's transaction");
                        app.commit();
                    }
                }
                try (JMSContext plain = cf.createContext()) {
                    assertEquals("in the application's transaction",
                            plain.createConsumer(plain.createQueue(q)).receiveBody(String.class, WAIT));
                }
            }
            assertFalse(pool.isClosed(), "RowMQ never closes the application's pool");
            try (Connection c = pool.getConnection()) {
                assertEquals(0, count(c), "RowMQ's tables were created in the application's database");
            }
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM rowmq_message")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
