package org.rowmq.client;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.MessageListener;

/** The simplified API's consumer over a classic one, plus receiveBody's rule about unassignable bodies. */
final class RowJMSConsumer implements JMSConsumer {
    private final RowMessageConsumer consumer;

    RowJMSConsumer(RowMessageConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public String getMessageSelector() {
        return JmsRuntime.get(consumer::getMessageSelector);
    }

    @Override
    public MessageListener getMessageListener() throws JMSRuntimeException {
        return JmsRuntime.get(consumer::getMessageListener);
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSRuntimeException {
        JmsRuntime.run(() -> consumer.setMessageListener(listener));
    }

    @Override
    public Message receive() {
        return JmsRuntime.get(consumer::receive);
    }

    @Override
    public Message receive(long timeout) {
        return JmsRuntime.get(() -> consumer.receive(timeout));
    }

    @Override
    public Message receiveNoWait() {
        return JmsRuntime.get(consumer::receiveNoWait);
    }

    @Override
    public void close() {
        JmsRuntime.run(consumer::close);
    }

    @Override
    public <T> T receiveBody(Class<T> c) {
        return receiveBody(c, Long.MAX_VALUE, true);
    }

    @Override
    public <T> T receiveBody(Class<T> c, long timeout) {
        return receiveBody(c, timeout <= 0 ? Long.MAX_VALUE : timeout, true);
    }

    @Override
    public <T> T receiveBodyNoWait(Class<T> c) {
        return receiveBody(c, 0, false);
    }

    /**
     * JMS 2.0: when the body cannot be returned as {@code c}, under AUTO_ACKNOWLEDGE and DUPS_OK_ACKNOWLEDGE the
     * message is not acknowledged and the next receive gets it again; otherwise it counts as delivered.
     */
    private <T> T receiveBody(Class<T> c, long timeout, boolean wait) {
        return JmsRuntime.get(() -> {
            RowMessageConsumer.Taken t = consumer.take(timeout, wait);
            if (t == null) return null;
            RowSession session = consumer.session();
            T body;
            try {
                if (!t.message().isBodyAssignableTo(c))
                    throw new MessageFormatRuntimeException("The body of message " + t.message().getJMSMessageID()
                            + " (" + t.message().getClass().getSimpleName() + ") cannot be returned as " + c.getName());
                body = t.message().getBody(c);
            } catch (JMSException | MessageFormatRuntimeException e) {
                if (session.redeliversUnconsumed()) consumer.putBack(t.stored());
                else session.delivered(t.stored().id());
                throw e;
            }
            session.delivered(t.stored().id());
            return body;
        });
    }
}
