package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueConnectionFactory;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicConnectionFactory;
import org.rowmq.security.Access;
import org.rowmq.store.StoreConfig;

import javax.sql.DataSource;

/**
 * The XA entry point: the same configuration as {@link RowConnectionFactory} (and usable as one), plus XA connections
 * and contexts for a transaction manager. Prepared branches are kept in RowMQ's own tables, so the database needs no
 * XA support of its own (PostgreSQL's max_prepared_transactions may stay 0).
 *
 * <pre>{@code
 * XAConnectionFactory cf = new RowXAConnectionFactory("jdbc:postgresql://db/app", "app", "secret");
 * coordinator.registerXAConnectionFactory("rowmq", cf);   // tx-coordinator
 * }</pre>
 */
public class RowXAConnectionFactory extends RowConnectionFactory
        implements XAConnectionFactory, XAQueueConnectionFactory, XATopicConnectionFactory {

    /** Embedded H2 in ./rowmq-data. */
    public RowXAConnectionFactory() {
        super();
    }

    public RowXAConnectionFactory(String jdbcUrl) {
        super(jdbcUrl);
    }

    public RowXAConnectionFactory(String jdbcUrl, String user, String password) {
        super(jdbcUrl, user, password);
    }

    /** On the application's own pool, shared with it; RowMQ never closes it. */
    public RowXAConnectionFactory(DataSource dataSource) {
        super(dataSource);
    }

    public RowXAConnectionFactory(StoreConfig config) {
        super(config);
    }

    @Override
    public XAConnection createXAConnection() throws JMSException {
        return createXAConnection(null, null);
    }

    /** Authenticated before the connection exists, as the plain factory's connections are. */
    @Override
    public XAConnection createXAConnection(String userName, String password) throws JMSException {
        return xaConnection(userName, password);
    }

    @Override
    public XAQueueConnection createXAQueueConnection() throws JMSException {
        return xaConnection(null, null);
    }

    @Override
    public XAQueueConnection createXAQueueConnection(String userName, String password) throws JMSException {
        return xaConnection(userName, password);
    }

    @Override
    public XATopicConnection createXATopicConnection() throws JMSException {
        return xaConnection(null, null);
    }

    @Override
    public XATopicConnection createXATopicConnection(String userName, String password) throws JMSException {
        return xaConnection(userName, password);
    }

    @Override
    public XAJMSContext createXAContext() {
        return createXAContext(null, null);
    }

    @Override
    public XAJMSContext createXAContext(String userName, String password) {
        return new RowXAJMSContext(JmsRuntime.get(() -> xaConnection(userName, password)));
    }

    private RowXAConnection xaConnection(String userName, String password) throws JMSException {
        Access access = authenticate(userName, password);
        return new RowXAConnection(this, dispatcher(), access);
    }

    @Override
    public String toString() {
        return "RowXA" + super.toString().substring("Row".length());
    }
}
