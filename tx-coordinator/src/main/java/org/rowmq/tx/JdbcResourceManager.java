package org.rowmq.tx;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.XAConnection;
import javax.sql.XADataSource;
import javax.transaction.xa.XAResource;

/** A database reached through its driver's XADataSource. */
record JdbcResourceManager(String name, XADataSource dataSource) implements ResourceManagerSource {

    @Override
    public JdbcConnection open() throws SQLException {
        XAConnection xaConnection = dataSource.getXAConnection();
        try {
            return new JdbcConnection(xaConnection, xaConnection.getXAResource(), xaConnection.getConnection());
        } catch (SQLException | RuntimeException e) {
            closeQuietly(xaConnection, e);
            throw e;
        }
    }

    private static void closeQuietly(XAConnection xaConnection, Exception cause) {
        try {
            xaConnection.close();
        } catch (SQLException closeFailure) {
            cause.addSuppressed(closeFailure);
        }
    }

    /** The logical connection is what the application writes through; the XAConnection owns the physical one. */
    record JdbcConnection(XAConnection xaConnection, XAResource xaResource, Connection connection)
            implements ResourceConnection {

        @Override
        public void close() throws SQLException {
            xaConnection.close();
        }
    }
}
