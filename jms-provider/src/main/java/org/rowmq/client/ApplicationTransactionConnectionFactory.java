package org.rowmq.client;

import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;

import javax.sql.DataSource;

/**
 * RowMQ's addition to the standard connection factories: sessions whose transaction is the application's own JDBC
 * transaction on the database that holds the messages. Their sends and receives are statements on the application's
 * connection; they take effect when the application commits it and vanish when it rolls back, with no XA and no outbox.
 * A received message whose transaction rolls back is redelivered (JMSRedelivered, delivery count raised, the queue's
 * maximum deliveries and dead-letter queue apply). The application commits, rolls back and closes its connection;
 * the session's own {@code commit()} and {@code rollback()} throw {@link jakarta.jms.TransactionInProgressException}.
 *
 * <pre>{@code
 * try (java.sql.Connection db = dataSource.getConnection()) {
 *     db.setAutoCommit(false);
 *     JMSContext jms = factory.createContext(db);           // factory: a RowConnectionFactory
 *     insertOrder(db, order);                                // the application's own statements
 *     jms.createProducer().send(jms.createQueue("orders"), order.id());
 *     db.commit();                                           // the row and the message, together
 *     jms.close();
 * }
 * }</pre>
 *
 * The connection must reach the factory's database and schema, be open and not in auto-commit mode; otherwise the
 * session refuses it with a JMSException that says what to change. On PostgreSQL use READ COMMITTED (the default): a
 * receive deletes a row that RowMQ's pool claimed a moment before, which REPEATABLE READ would refuse as a concurrent
 * update.
 */
public interface ApplicationTransactionConnectionFactory {

    /**
     * A transacted JMSContext (and its session) working on {@code connection}. Closing the context leaves the
     * connection and its transaction alone.
     *
     * @throws jakarta.jms.JMSRuntimeException when the connection is closed, in auto-commit mode or reaches another
     *                                         database or schema
     */
    JMSContext createContext(java.sql.Connection connection);

    /** A JMS connection every session of which (whatever createSession's arguments) works on {@code connection}. */
    Connection createConnection(java.sql.Connection connection) throws JMSException;

    /**
     * A connection factory for frameworks that bind a JDBC connection to the current transaction: its sessions run each
     * statement on the connection {@code transactionAware} returns at that moment, and close it afterwards (which hands
     * a transaction's connection back without ending it). With Spring: {@code boundTo(new
     * TransactionAwareDataSourceProxy(dataSource))}, used by JmsTemplate and DefaultMessageListenerContainer under a
     * DataSourceTransactionManager or JpaTransactionManager on {@code dataSource}.
     */
    ConnectionBoundConnectionFactory boundTo(DataSource transactionAware);
}
