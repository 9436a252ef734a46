package org.rowmq.client;

import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.XAJMSContext;

import javax.transaction.xa.XAResource;

/**
 * The simplified API over one XA session: the application sends and receives through it (it is its own
 * {@link #getContext()}), the transaction manager enlists {@link #getXAResource()}. In a global transaction commit and
 * rollback throw TransactionInProgressRuntimeException.
 */
public class RowXAJMSContext extends RowJMSContext implements XAJMSContext {

    RowXAJMSContext(RowXAConnection connection) {
        super(connection, JMSContext.SESSION_TRANSACTED);
    }

    @Override
    RowSession newSession() throws JMSException {
        return ((RowXAConnection) connection()).createRowXASession();
    }

    @Override
    public JMSContext getContext() {
        session(); // checks that it is open
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return ((RowXASession) session()).getXAResource();
    }

    /** Contexts sharing this one's connection would share no transaction with it; the specification forbids them here. */
    @Override
    public JMSContext createContext(int sessionMode) {
        throw new IllegalStateRuntimeException("createContext is not allowed on an XAJMSContext; create another "
                + "XAJMSContext from the XAConnectionFactory");
    }
}
