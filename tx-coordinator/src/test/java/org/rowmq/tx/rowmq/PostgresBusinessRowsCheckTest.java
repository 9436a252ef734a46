package org.rowmq.tx.rowmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;

import javax.sql.XAConnection;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.xa.PGXADataSource;

/**
 * Which PostgreSQL the business rows can use: with business rows in PostgreSQL, its XADataSource must PREPARE
 * TRANSACTION, which needs max_prepared_transactions above 0. This checks the machine's shared server and says which
 * case applies. On 0 (this machine), {@link PostgresBusinessRowsTest} keeps the business rows in a private cluster it
 * starts with the setting raised ({@link PrivatePostgres}) and RowMQ's messages on this shared server: RowMQ itself
 * needs no prepared transactions (its prepared state lives in its own tables).
 */
class PostgresBusinessRowsCheckTest {

    private record TestXid(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {
    }

    @Test
    void postgresqlXaDataSourceCanPrepareOnlyWithPreparedTransactionsEnabled() throws Exception {
        int maxPrepared;
        try (Connection c = DriverManager.getConnection(MessageDatabase.POSTGRESQL_SERVER, "postgres", null);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW max_prepared_transactions")) {
            rs.next();
            maxPrepared = Integer.parseInt(rs.getString(1));
        } catch (SQLException e) {
            Assumptions.abort("PostgreSQL at " + MessageDatabase.POSTGRESQL_SERVER + " is unreachable: " + e.getMessage());
            return;
        }
        PGXADataSource ds = new PGXADataSource();
        ds.setUrl(MessageDatabase.POSTGRESQL_SERVER);
        ds.setUser("postgres");
        XAConnection xa = ds.getXAConnection();
        try {
            XAResource r = xa.getXAResource();
            Xid xid = new TestXid(4711, ("rowmq-pg-check-" + System.nanoTime()).getBytes(StandardCharsets.US_ASCII),
                    new byte[]{1});
            r.start(xid, XAResource.TMNOFLAGS);
            try (Statement s = xa.getConnection().createStatement()) {
                s.execute("SELECT 1");
            }
            r.end(xid, XAResource.TMSUCCESS);
            if (maxPrepared == 0) {
                XAException e = assertThrows(XAException.class, () -> r.prepare(xid));
                System.out.println("PostgreSQL at " + MessageDatabase.POSTGRESQL_SERVER + " has max_prepared_transactions"
                        + " = 0: its XADataSource cannot prepare (" + e.getMessage() + "), so business rows in"
                        + " this server cannot join an XA transaction. PostgresBusinessRowsTest therefore keeps the"
                        + " business rows in a private PostgreSQL cluster it starts on its own port with"
                        + " max_prepared_transactions = " + PrivatePostgres.MAX_PREPARED_TRANSACTIONS + ", and RowMQ's"
                        + " messages on this shared server, which RowMQ can use as it is.");
                r.rollback(xid);
            } else {
                assertEquals(XAResource.XA_RDONLY, r.prepare(xid), "a read-only branch");
                System.out.println("PostgreSQL has max_prepared_transactions = " + maxPrepared
                        + ": its XADataSource can prepare");
            }
        } finally {
            xa.close();
        }
    }
}
