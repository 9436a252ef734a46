package org.rowmq.ra.outbound;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import javax.naming.Reference;
import java.io.Serializable;

/**
 * RowMQ's connection factory as applications see it in the server (bound in JNDI by a connection definition, injected
 * with {@code @Resource} or as the default JMS connection factory): every connection and JMSContext comes from the
 * server's pool and is enlisted in the caller's transaction.
 *
 * <p>Credentials given to createConnection(user, password) and createContext(user, password) are RowMQ's users,
 * checked against RowMQ's security configuration (a JMSSecurityException when wrong); the database credentials stay
 * the connection definition's (or its container-managed sign-on's).
 */
public class RowConnectionFactoryHandle implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory,
        Serializable, Referenceable {
    private static final long serialVersionUID = 1L;

    private final transient RowManagedConnectionFactory mcf;
    private final transient ConnectionManager cm;
    private Reference reference;

    RowConnectionFactoryHandle(RowManagedConnectionFactory mcf, ConnectionManager cm) {
        this.mcf = mcf;
        this.cm = cm;
    }

    /** The connection definition behind this factory (an activation's connectionFactoryLookup uses its store). */
    public RowManagedConnectionFactory managedConnectionFactory() {
        return mcf;
    }

    private Object allocate(RequestInfo info) throws JMSException {
        try {
            return cm.allocateConnection(mcf, info);
        } catch (ResourceException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                if (c instanceof JMSSecurityException refused) {
                    JMSSecurityException j = new JMSSecurityException(refused.getMessage(), refused.getErrorCode());
                    j.setLinkedException(e);
                    j.initCause(e);
                    throw j;
                }
            }
            JMSException j = new JMSException("RowMQ could not get a connection from the server's pool: " + e.getMessage());
            j.setLinkedException(e);
            j.initCause(e);
            throw j;
        }
    }

    @Override
    public Connection createConnection() throws JMSException {
        return (Connection) allocate(RequestInfo.CONNECTION);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return (Connection) allocate(RequestInfo.connection(userName, password));
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return (QueueConnection) allocate(RequestInfo.CONNECTION);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return (QueueConnection) allocate(RequestInfo.connection(userName, password));
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return (TopicConnection) allocate(RequestInfo.CONNECTION);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return (TopicConnection) allocate(RequestInfo.connection(userName, password));
    }

    @Override
    public JMSContext createContext() {
        return createContext(JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return createContext(userName, password, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return createContext(null, null, sessionMode);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        if (sessionMode < JMSContext.SESSION_TRANSACTED || sessionMode > JMSContext.DUPS_OK_ACKNOWLEDGE)
            throw new JMSRuntimeException("Invalid session mode " + sessionMode + ": use AUTO_ACKNOWLEDGE (1), "
                    + "CLIENT_ACKNOWLEDGE (2), DUPS_OK_ACKNOWLEDGE (3) or SESSION_TRANSACTED (0)");
        try {
            return (JMSContext) allocate(RequestInfo.context(sessionMode, userName, password));
        } catch (JMSSecurityException e) {
            throw new JMSSecurityRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
