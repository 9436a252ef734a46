package org.rowmq.ra;

import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RowMQ's store work through a server datasource runs with the caller's transaction suspended, call by call. */
class TransactionFreeDataSourceTest {

    /** A transaction manager with one transaction on the calling thread, which records each JDBC call's state. */
    private static final class OneTransaction {
        final Transaction tx = (Transaction) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{Transaction.class}, (p, m, a) -> null);
        Transaction current = tx;
        final List<String> suspendedDuring = new ArrayList<>();

        TransactionManager manager() {
            return (TransactionManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[]{TransactionManager.class}, (p, m, a) -> switch (m.getName()) {
                        case "suspend" -> {
                            Transaction t = current;
                            current = null;
                            yield t;
                        }
                        case "resume" -> {
                            current = (Transaction) a[0];
                            yield null;
                        }
                        default -> null;
                    });
        }
    }

    @Test
    void everyCallOfTheStoresJdbcObjectsRunsOutsideTheCallersTransaction() throws Exception {
        OneTransaction jta = new OneTransaction();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:tfds-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // The probe records whether the thread's transaction was suspended while the driver ran.
        DataSource probe = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{DataSource.class}, (p, m, a) -> {
                    jta.suspendedDuring.add(m.getName() + "=" + (jta.current == null));
                    return m.invoke(h2, a);
                });
        DataSource store = TransactionFreeDataSource.wrap(probe, DataSource.class, jta.manager());

        try (Connection c = store.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT CARDINALITY(?)")) {
            assertSame(jta.tx, jta.current, "resumed after getConnection");
            Array array = ps.getConnection().createArrayOf("BIGINT", new Object[]{1L, 2L, 3L});
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(3, rs.getInt(1), "the driver got its own Array back");
            }
        }
        assertEquals(List.of("getConnection=true"), jta.suspendedDuring);
        assertSame(jta.tx, jta.current, "the caller's transaction is back on its thread");
    }
}
