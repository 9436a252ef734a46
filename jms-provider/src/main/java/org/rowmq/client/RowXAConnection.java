package org.rowmq.client;

import jakarta.jms.JMSException;
import jakarta.jms.XAQueueConnection;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicConnection;
import jakarta.jms.XATopicSession;
import org.rowmq.dispatch.Dispatcher;
import org.rowmq.security.Access;

/** A connection that creates XA sessions (and, through the plain createSession methods, ordinary ones). */
public class RowXAConnection extends RowConnection implements XAQueueConnection, XATopicConnection {

    RowXAConnection(RowConnectionFactory factory, Dispatcher dispatcher, Access access) {
        super(factory, dispatcher, null, access);
    }

    @Override
    public XASession createXASession() throws JMSException {
        return createRowXASession();
    }

    RowXASession createRowXASession() throws JMSException {
        checkOpen();
        freezeClientId();
        return addSession(new RowXASession(this));
    }

    @Override
    public XAQueueSession createXAQueueSession() throws JMSException {
        return createRowXASession();
    }

    @Override
    public XATopicSession createXATopicSession() throws JMSException {
        return createRowXASession();
    }
}
