package org.rowmq.client;

import jakarta.jms.JMSException;
import org.rowmq.store.MessageStore;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a connection-bound session finds the application's JDBC connection for each statement it runs: the one
 * connection the application handed over, or whatever connection a transaction-aware DataSource returns at that moment
 * (a framework's, bound to the current transaction). It checks what RowMQ relies on before every use: the connection
 * is open, in a transaction (not auto-commit), and reaches the store's tables (checked once per source, since every
 * connection of one source reaches the same database).
 */
abstract class ApplicationConnectionSource {

    private volatile boolean reachesStore;

    /** Runs statements on a connection; the source gives it back afterwards. */
    @FunctionalInterface
    interface Work {
        void run(Connection connection) throws JMSException;
    }

    static ApplicationConnectionSource held(Connection connection) {
        return new Held(connection);
    }

    static ApplicationConnectionSource transactionAware(DataSource dataSource) {
        return new TransactionAware(dataSource);
    }

    abstract Connection acquire() throws SQLException;

    abstract void release(Connection c) throws SQLException;

    /** Runs work on the application's current connection after checking it. */
    final void use(MessageStore store, Work work) throws JMSException {
        Connection c;
        try {
            c = acquire();
        } catch (SQLException e) {
            throw failure("RowMQ could not get the application's JDBC connection", e);
        }
        try {
            check(store, c);
            work.run(c);
        } finally {
            try {
                release(c);
            } catch (SQLException e) {
                // The work is done (or failed on its own); a connection that cannot be given back is the pool's to evict.
            }
        }
    }

    /** Refuses a closed or auto-commit connection, or one to another database, saying what to change. */
    final void check(MessageStore store, Connection c) throws JMSException {
        try {
            if (c == null || c.isClosed())
                throw new JMSException("The application's JDBC connection is closed: bind the session to an open"
                        + " connection (one for each transaction)");
            if (c.getAutoCommit())
                throw new JMSException("The application's JDBC connection is in auto-commit mode: call"
                        + " setAutoCommit(false) on it (or run inside the framework's transaction), so that messages"
                        + " commit and roll back with the application's own statements");
        } catch (SQLException e) {
            throw failure("RowMQ could not inspect the application's JDBC connection", e);
        }
        if (!reachesStore) {
            store.checkApplicationConnection(c);
            reachesStore = true;
        }
    }

    private static JMSException failure(String what, SQLException e) {
        JMSException jms = new JMSException(what + ": " + e.getMessage());
        jms.setLinkedException(e);
        jms.initCause(e);
        return jms;
    }

    private static final class Held extends ApplicationConnectionSource {
        private final Connection connection;

        Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        Connection acquire() {
            return connection;
        }

        @Override
        void release(Connection c) {
            // The application's to commit and close, never RowMQ's.
        }
    }

    private static final class TransactionAware extends ApplicationConnectionSource {
        private final DataSource dataSource;

        TransactionAware(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        @Override
        Connection acquire() throws SQLException {
            return dataSource.getConnection();
        }

        /** A transaction-aware DataSource's connection: closing it hands back the transaction's, it does not end it. */
        @Override
        void release(Connection c) throws SQLException {
            c.close();
        }
    }
}
