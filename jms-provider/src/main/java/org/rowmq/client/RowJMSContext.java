package org.rowmq.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simplified API: a connection and one session behind one object, with unchecked exceptions. Contexts created
 * from this one share its connection, which closes with the last of them.
 */
public class RowJMSContext implements JMSContext {
    private final RowConnection connection;
    private final AtomicInteger connectionUsers;
    private final int sessionMode;
    private RowSession session;
    private RowMessageProducer producer;
    private boolean autoStart = true;
    private volatile boolean closed;

    RowJMSContext(RowConnection connection, int sessionMode) {
        this(connection, new AtomicInteger(1), sessionMode);
    }

    private RowJMSContext(RowConnection connection, AtomicInteger connectionUsers, int sessionMode) {
        this.connection = connection;
        this.connectionUsers = connectionUsers;
        this.sessionMode = sessionMode;
    }

    static void checkSessionMode(int mode) {
        if (mode != JMSContext.AUTO_ACKNOWLEDGE && mode != JMSContext.CLIENT_ACKNOWLEDGE
                && mode != JMSContext.DUPS_OK_ACKNOWLEDGE && mode != JMSContext.SESSION_TRANSACTED)
            throw new JMSRuntimeException("Invalid session mode " + mode + ": use AUTO_ACKNOWLEDGE (1), "
                    + "CLIENT_ACKNOWLEDGE (2), DUPS_OK_ACKNOWLEDGE (3) or SESSION_TRANSACTED (0)");
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateRuntimeException("The JMSContext is closed; create a new one to continue");
    }

    /** The session, created on first need (so setClientID still works right after creation). */
    synchronized RowSession session() {
        checkOpen();
        if (session == null)
            session = JmsRuntime.get(this::newSession);
        return session;
    }

    /** The anonymous producer of this context's session, through which all its JMSProducers send. */
    synchronized RowMessageProducer producer() throws JMSException {
        if (producer == null) producer = (RowMessageProducer) session().createProducer(null);
        return producer;
    }

    /** Creates this context's session; an XA context creates an XA session. */
    RowSession newSession() throws JMSException {
        return (RowSession) connection.createSession(sessionMode);
    }

    RowConnection connection() {
        return connection;
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        checkOpen();
        checkSessionMode(sessionMode);
        connectionUsers.incrementAndGet();
        return new RowJMSContext(connection, connectionUsers, sessionMode);
    }

    @Override
    public JMSProducer createProducer() {
        checkOpen();
        return new RowJMSProducer(this);
    }

    @Override
    public String getClientID() {
        checkOpen();
        return JmsRuntime.get(connection::getClientID);
    }

    @Override
    public void setClientID(String clientID) {
        checkOpen();
        JmsRuntime.run(() -> connection.setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkOpen();
        return JmsRuntime.get(connection::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        return JmsRuntime.get(connection::getExceptionListener);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkOpen();
        JmsRuntime.run(() -> connection.setExceptionListener(listener));
    }

    @Override
    public void start() {
        checkOpen();
        JmsRuntime.run(connection::start);
    }

    @Override
    public void stop() {
        checkOpen();
        JmsRuntime.run(connection::stop);
    }

    @Override
    public synchronized void setAutoStart(boolean autoStart) {
        checkOpen();
        this.autoStart = autoStart;
    }

    @Override
    public synchronized boolean getAutoStart() {
        checkOpen();
        return autoStart;
    }

    @Override
    public void close() {
        if (closed) return;
        RowSession s;
        synchronized (this) {
            s = session;
        }
        if (s != null && s.isCallbackThread())
            throw new IllegalStateRuntimeException("A MessageListener or CompletionListener must not close its own "
                    + "JMSContext (it would deadlock waiting for itself)");
        closed = true;
        if (s != null) JmsRuntime.run(s::close);
        if (connectionUsers.decrementAndGet() == 0) JmsRuntime.run(connection::close);
    }

    // ---------------------------------------------------------------- messages

    @Override
    public BytesMessage createBytesMessage() {
        return JmsRuntime.get(() -> session().createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() {
        return JmsRuntime.get(() -> session().createMapMessage());
    }

    @Override
    public Message createMessage() {
        return JmsRuntime.get(() -> session().createMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return JmsRuntime.get(() -> session().createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return JmsRuntime.get(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return JmsRuntime.get(() -> session().createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() {
        return JmsRuntime.get(() -> session().createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return JmsRuntime.get(() -> session().createTextMessage(text));
    }

    // ---------------------------------------------------------------- transactions and acknowledgement

    @Override
    public boolean getTransacted() {
        checkOpen();
        return sessionMode == SESSION_TRANSACTED;
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return sessionMode;
    }

    @Override
    public void commit() {
        JmsRuntime.run(() -> session().commit());
    }

    @Override
    public void rollback() {
        JmsRuntime.run(() -> session().rollback());
    }

    @Override
    public void recover() {
        JmsRuntime.run(() -> session().recover());
    }

    /** Acknowledges every message consumed by this context so far (CLIENT_ACKNOWLEDGE). */
    @Override
    public void acknowledge() {
        RowSession s = session();
        JmsRuntime.run(s::acknowledge);
    }

    // ---------------------------------------------------------------- consumers, browsers, destinations

    private JMSConsumer consumer(JmsRuntime.Call<jakarta.jms.MessageConsumer> create) {
        RowMessageConsumer c = (RowMessageConsumer) JmsRuntime.get(create);
        startIfAuto();
        return new RowJMSConsumer(c);
    }

    private synchronized void startIfAuto() {
        if (autoStart) JmsRuntime.run(connection::start);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(() -> session().createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(() -> session().createConsumer(destination, messageSelector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return JmsRuntime.get(() -> session().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        return JmsRuntime.get(() -> session().createBrowser(queue, messageSelector));
    }

    @Override
    public Queue createQueue(String queueName) {
        return JmsRuntime.get(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return JmsRuntime.get(() -> session().createTopic(topicName));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return JmsRuntime.get(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return JmsRuntime.get(() -> session().createTemporaryTopic());
    }

    @Override
    public void unsubscribe(String name) {
        JmsRuntime.run(() -> session().unsubscribe(name));
    }
}
