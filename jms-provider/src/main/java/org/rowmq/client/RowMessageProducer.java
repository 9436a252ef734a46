package org.rowmq.client;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import org.rowmq.message.DestinationNames;
import org.rowmq.message.ForeignMessages;
import org.rowmq.message.MessageCodec;
import org.rowmq.message.RowDestination;
import org.rowmq.message.RowMessage;
import org.rowmq.store.OutgoingMessage;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A message producer. A send sets the headers the provider owns, encodes the message once, and hands the row to the
 * session: written at once and shared with other senders' commits (1 insert, 1/n of a commit per message), or kept
 * for the session's transaction. A PERSISTENT send returns when its row is committed; a NON_PERSISTENT one when the
 * row is handed to the store ({@link UnconfirmedSends}).
 */
public class RowMessageProducer implements QueueSender, TopicPublisher {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final RowSession session;
    private final RowDestination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private volatile boolean closed;

    RowMessageProducer(RowSession session, RowDestination destination) {
        this.session = session;
        this.destination = destination;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) throw Failures.closed("message producer");
        session.checkOpen();
    }

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int deliveryMode) throws JMSException {
        checkOpen();
        checkDeliveryMode(deliveryMode);
        this.deliveryMode = deliveryMode;
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(int priority) throws JMSException {
        checkOpen();
        checkPriority(priority);
        this.priority = priority;
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(long timeToLive) throws JMSException {
        checkOpen();
        this.timeToLive = timeToLive;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long deliveryDelay) throws JMSException {
        checkOpen();
        this.deliveryDelay = deliveryDelay;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        if (destination != null && !(destination instanceof Queue))
            throw new jakarta.jms.IllegalStateException("This producer sends to a topic, not a queue");
        return (Queue) destination;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        if (destination != null && !(destination instanceof Topic))
            throw new jakarta.jms.IllegalStateException("This producer sends to a queue, not a topic");
        return (Topic) destination;
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send(topic, message, deliveryMode, priority, timeToLive);
    }

    static void checkDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT)
            throw new JMSException("Invalid delivery mode " + mode + ": use DeliveryMode.PERSISTENT (2) or NON_PERSISTENT (1)");
    }

    static void checkPriority(int priority) throws JMSException {
        if (priority < 0 || priority > 9)
            throw new JMSException("Invalid priority " + priority + ": it must be between 0 and 9");
    }

    // ---------------------------------------------------------------- the send variants

    @Override
    public void send(Message message) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive) throws JMSException {
        checkOpen();
        send(requireOwnDestination(), message, deliveryMode, priority, timeToLive, options(), null);
    }

    @Override
    public void send(Destination destination, Message message) throws JMSException {
        send(destination, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination destination, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        checkOpen();
        send(requireGivenDestination(destination), message, deliveryMode, priority, timeToLive, options(), null);
    }

    @Override
    public void send(Message message, CompletionListener completionListener) throws JMSException {
        send(message, deliveryMode, priority, timeToLive, completionListener);
    }

    @Override
    public void send(Message message, int deliveryMode, int priority, long timeToLive,
                     CompletionListener completionListener) throws JMSException {
        checkOpen();
        requireListener(completionListener);
        send(requireOwnDestination(), message, deliveryMode, priority, timeToLive, options(), completionListener);
    }

    @Override
    public void send(Destination destination, Message message, CompletionListener completionListener)
            throws JMSException {
        send(destination, message, deliveryMode, priority, timeToLive, completionListener);
    }

    @Override
    public void send(Destination destination, Message message, int deliveryMode, int priority, long timeToLive,
                     CompletionListener completionListener) throws JMSException {
        checkOpen();
        requireListener(completionListener);
        send(requireGivenDestination(destination), message, deliveryMode, priority, timeToLive, options(),
                completionListener);
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int deliveryMode, int priority, long timeToLive)
            throws JMSException {
        send((Destination) queue, message, deliveryMode, priority, timeToLive);
    }

    private RowDestination requireOwnDestination() {
        if (destination == null)
            throw new UnsupportedOperationException("This producer was created without a destination; "
                    + "use a send method that takes one");
        return destination;
    }

    private RowDestination requireGivenDestination(Destination given) throws JMSException {
        if (destination != null)
            throw new UnsupportedOperationException("This producer was created for " + destination
                    + "; use a send method without a destination");
        if (given == null) throw new InvalidDestinationException("The destination must not be null");
        return DestinationNames.toRow(given);
    }

    private static void requireListener(CompletionListener listener) {
        if (listener == null) throw new IllegalArgumentException("The CompletionListener must not be null");
    }

    /** The options a send takes from its producer besides the delivery mode, priority and time to live. */
    record Options(long deliveryDelay, boolean disableMessageId, boolean disableTimestamp) {
    }

    private Options options() {
        return new Options(deliveryDelay, disableMessageId, disableTimestamp);
    }

    /**
     * A JMSProducer's send: its options come with each call, so all JMSProducers of a context share the context's
     * one anonymous producer.
     */
    void send(Destination to, Message message, int mode, int prio, long ttl, Options options,
              CompletionListener listener) throws JMSException {
        checkOpen();
        send(requireGivenDestination(to), message, mode, prio, ttl, options, listener);
    }

    /** The one send path. */
    private void send(RowDestination to, Message message, int mode, int prio, long ttl, Options options,
                      CompletionListener listener) throws JMSException {
        long deliveryDelay = options.deliveryDelay();
        if (message == null) throw new MessageFormatException("The message to send must not be null");
        session.authorizeSend(to);
        checkDeliveryMode(mode);
        checkPriority(prio);
        long now = System.currentTimeMillis();
        String id = options.disableMessageId() ? null : nextMessageId();
        // The application's own object carries the headers afterwards, also when it is another provider's message.
        message.setJMSDestination(to);
        message.setJMSDeliveryMode(mode);
        message.setJMSPriority(prio);
        message.setJMSExpiration(ttl > 0 ? now + ttl : 0);
        message.setJMSTimestamp(options.disableTimestamp() ? 0 : now);
        message.setJMSDeliveryTime(now + Math.max(0, deliveryDelay));
        message.setJMSMessageID(id);
        RowMessage row = message instanceof RowMessage r ? r : ForeignMessages.copy(message);
        row.beforeSend();
        RowConnection connection = session.connection();
        OutgoingMessage out = new OutgoingMessage(to.name(), prio, mode == DeliveryMode.PERSISTENT,
                Math.max(0, ttl), Math.max(0, deliveryDelay), MessageCodec.encode(row), !to.isQueue(),
                connection.connectionId(), connection.clientIdOrNull(), GroupProperties.of(row));
        if (listener == null && mode == DeliveryMode.NON_PERSISTENT) {
            sendWithoutWaiting(out, to);
            return;
        }
        CompletableFuture<Void> written = session.send(out);
        if (listener == null) {
            RowSession.await(written, "sending to " + to);
            return;
        }
        written.whenComplete((ok, failure) -> session.completion(() -> {
            if (failure == null) listener.onCompletion(message);
            else listener.onException(message, Failures.unwrap(failure));
        }));
    }

    /** At most once: the message is on its way to the store; a failure known already is still thrown. */
    private void sendWithoutWaiting(OutgoingMessage out, RowDestination to) throws JMSException {
        UnconfirmedSends unconfirmed = session.unconfirmedSends();
        unconfirmed.reserve();
        CompletableFuture<Void> written;
        try {
            written = session.send(out);
        } catch (JMSException | RuntimeException e) {
            unconfirmed.cancel();
            throw e;
        }
        unconfirmed.track(written, to.toString());
        if (written.isDone()) RowSession.await(written, "sending to " + to);
    }

    private String nextMessageId() {
        return "ID:" + session.store().nodeId() + "-" + SEQUENCE.incrementAndGet();
    }

    @Override
    public void close() throws JMSException {
        if (session.isCompletionThread())
            throw new jakarta.jms.IllegalStateException("A CompletionListener must not close the producer of its own "
                    + "session (JMS 2.0, 7.3.8)");
        closeFromSession();
        session.producerClosed(this);
    }

    void closeFromSession() {
        closed = true;
    }
}
