package org.rowmq.tx;

import jakarta.jms.JMSContext;
import jakarta.jms.XAConnectionFactory;
import jakarta.jms.XAJMSContext;

import javax.transaction.xa.XAResource;

/** A Jakarta Messaging provider (RowMQ or another) reached through its XAConnectionFactory. */
record JmsResourceManager(String name, XAConnectionFactory connectionFactory) implements ResourceManagerSource {

    @Override
    public JmsConnection open() {
        XAJMSContext context = connectionFactory.createXAContext();
        try {
            return new JmsConnection(context, context.getXAResource());
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** An XAJMSContext is itself the JMSContext the application sends and receives with. */
    record JmsConnection(XAJMSContext context, XAResource xaResource) implements ResourceConnection {

        JMSContext jmsContext() {
            return context.getContext();
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
