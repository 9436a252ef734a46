package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;

import javax.sql.DataSource;

/**
 * A connection factory whose sessions work in the transaction of whatever JDBC connection a transaction-aware
 * DataSource returns when they run a statement (see {@link ApplicationTransactionConnectionFactory#boundTo}). Every
 * session and context it creates is transacted in that transaction, whatever the arguments, as inside a JTA
 * transaction.
 */
public final class ConnectionBoundConnectionFactory implements ConnectionFactory, QueueConnectionFactory {
    private final RowConnectionFactory factory;
    private final DataSource dataSource;

    ConnectionBoundConnectionFactory(RowConnectionFactory factory, DataSource dataSource) {
        if (dataSource == null) throw new IllegalArgumentException("the transaction-aware DataSource must not be null");
        this.factory = factory;
        this.dataSource = dataSource;
    }

    /**
     * The DataSource the sessions take their connections from. Spring's JmsResourceHolder looks it up by this name to
     * recognise a JMS provider that shares the transaction's JDBC connection (the sessions' refusal of commit(), a
     * TransactionInProgressException, needs no such lookup: Spring ignores it everywhere).
     */
    public DataSource getDataSource() {
        return dataSource;
    }

    /** A connection as the factory's default credentials (or anonymous roles), or as the given user once checked. */
    private ConnectionBoundConnection connection(String userName, String password) throws JMSException {
        return factory.connectionBoundTo(ApplicationConnectionSource.transactionAware(dataSource), userName, password);
    }

    @Override
    public Connection createConnection() throws JMSException {
        return connection(null, null);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return connection(userName, password);
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return connection(null, null);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return connection(userName, password);
    }

    @Override
    public JMSContext createContext() {
        return context(null, null);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return context(userName, password);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        RowJMSContext.checkSessionMode(sessionMode);
        return context(userName, password);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        RowJMSContext.checkSessionMode(sessionMode);
        return context(null, null);
    }

    private JMSContext context(String userName, String password) {
        return new RowJMSContext(JmsRuntime.get(() -> connection(userName, password)), JMSContext.SESSION_TRANSACTED);
    }

    @Override
    public String toString() {
        return "ConnectionBoundConnectionFactory[" + factory + ", " + dataSource + "]";
    }
}
