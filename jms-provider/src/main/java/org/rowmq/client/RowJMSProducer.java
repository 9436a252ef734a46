package org.rowmq.client;

import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.TextMessage;
import org.rowmq.message.RowMessage;
import org.rowmq.message.RowPlainMessage;

import java.io.Serializable;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The simplified API's producer: options and message properties set on it apply to every message it sends. The
 * properties are kept in a template message, so they follow the same naming and conversion rules as a message's.
 */
final class RowJMSProducer implements JMSProducer {
    private final RowJMSContext context;
    private final RowMessage properties = new RowPlainMessage();
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private CompletionListener async;
    private String correlationId;
    private byte[] correlationIdBytes;
    private String type;
    private Destination replyTo;

    RowJMSProducer(RowJMSContext context) {
        this.context = context;
    }

    // ---------------------------------------------------------------- send

    @Override
    public JMSProducer send(Destination destination, Message message) {
        if (message == null) throw new MessageFormatRuntimeException("The message to send must not be null");
        if (destination == null) throw new InvalidDestinationRuntimeException("The destination must not be null");
        JmsRuntime.run(() -> {
            apply(message);
            context.producer().send(destination, message, deliveryMode, priority, timeToLive,
                    new RowMessageProducer.Options(deliveryDelay, disableMessageId, disableTimestamp), async);
        });
        return this;
    }

    /** Copies the producer's message properties and headers onto the message. */
    private void apply(Message message) throws JMSException {
        for (String name : Collections.list(properties.getPropertyNames()))
            message.setObjectProperty(name, properties.getObjectProperty(name));
        if (correlationIdBytes != null) message.setJMSCorrelationIDAsBytes(correlationIdBytes);
        else if (correlationId != null) message.setJMSCorrelationID(correlationId);
        if (type != null) message.setJMSType(type);
        if (replyTo != null) message.setJMSReplyTo(replyTo);
    }

    @Override
    public JMSProducer send(Destination destination, String body) {
        TextMessage m = context.createTextMessage(body);
        return send(destination, m);
    }

    @Override
    public JMSProducer send(Destination destination, Map<String, Object> body) {
        MapMessage m = context.createMapMessage();
        if (body != null) {
            JmsRuntime.run(() -> {
                for (Map.Entry<String, Object> e : body.entrySet()) m.setObject(e.getKey(), e.getValue());
            });
        }
        return send(destination, m);
    }

    @Override
    public JMSProducer send(Destination destination, byte[] body) {
        BytesMessage m = context.createBytesMessage();
        if (body != null) JmsRuntime.run(() -> m.writeBytes(body));
        return send(destination, m);
    }

    @Override
    public JMSProducer send(Destination destination, Serializable body) {
        ObjectMessage m = context.createObjectMessage(body);
        return send(destination, m);
    }

    // ---------------------------------------------------------------- options

    @Override
    public JMSProducer setDisableMessageID(boolean value) {
        disableMessageId = value;
        return this;
    }

    @Override
    public boolean getDisableMessageID() {
        return disableMessageId;
    }

    @Override
    public JMSProducer setDisableMessageTimestamp(boolean value) {
        disableTimestamp = value;
        return this;
    }

    @Override
    public boolean getDisableMessageTimestamp() {
        return disableTimestamp;
    }

    @Override
    public JMSProducer setDeliveryMode(int deliveryMode) {
        JmsRuntime.run(() -> RowMessageProducer.checkDeliveryMode(deliveryMode));
        this.deliveryMode = deliveryMode;
        return this;
    }

    @Override
    public int getDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public JMSProducer setPriority(int priority) {
        JmsRuntime.run(() -> RowMessageProducer.checkPriority(priority));
        this.priority = priority;
        return this;
    }

    @Override
    public int getPriority() {
        return priority;
    }

    @Override
    public JMSProducer setTimeToLive(long timeToLive) {
        this.timeToLive = timeToLive;
        return this;
    }

    @Override
    public long getTimeToLive() {
        return timeToLive;
    }

    @Override
    public JMSProducer setDeliveryDelay(long deliveryDelay) {
        this.deliveryDelay = deliveryDelay;
        return this;
    }

    @Override
    public long getDeliveryDelay() {
        return deliveryDelay;
    }

    @Override
    public JMSProducer setAsync(CompletionListener completionListener) {
        this.async = completionListener;
        return this;
    }

    @Override
    public CompletionListener getAsync() {
        return async;
    }

    // ---------------------------------------------------------------- message properties

    private JMSProducer property(JmsRuntime.Action set) {
        JmsRuntime.run(set);
        return this;
    }

    @Override
    public JMSProducer setProperty(String name, boolean value) {
        return property(() -> properties.setBooleanProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, byte value) {
        return property(() -> properties.setByteProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, short value) {
        return property(() -> properties.setShortProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, int value) {
        return property(() -> properties.setIntProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, long value) {
        return property(() -> properties.setLongProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, float value) {
        return property(() -> properties.setFloatProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, double value) {
        return property(() -> properties.setDoubleProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, String value) {
        return property(() -> properties.setStringProperty(name, value));
    }

    @Override
    public JMSProducer setProperty(String name, Object value) {
        return property(() -> properties.setObjectProperty(name, value));
    }

    @Override
    public JMSProducer clearProperties() {
        return property(properties::clearProperties);
    }

    @Override
    public boolean propertyExists(String name) {
        return JmsRuntime.get(() -> properties.propertyExists(name));
    }

    @Override
    public boolean getBooleanProperty(String name) {
        return JmsRuntime.get(() -> properties.getBooleanProperty(name));
    }

    @Override
    public byte getByteProperty(String name) {
        return JmsRuntime.get(() -> properties.getByteProperty(name));
    }

    @Override
    public short getShortProperty(String name) {
        return JmsRuntime.get(() -> properties.getShortProperty(name));
    }

    @Override
    public int getIntProperty(String name) {
        return JmsRuntime.get(() -> properties.getIntProperty(name));
    }

    @Override
    public long getLongProperty(String name) {
        return JmsRuntime.get(() -> properties.getLongProperty(name));
    }

    @Override
    public float getFloatProperty(String name) {
        return JmsRuntime.get(() -> properties.getFloatProperty(name));
    }

    @Override
    public double getDoubleProperty(String name) {
        return JmsRuntime.get(() -> properties.getDoubleProperty(name));
    }

    @Override
    public String getStringProperty(String name) {
        return JmsRuntime.get(() -> properties.getStringProperty(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return JmsRuntime.get(() -> properties.getObjectProperty(name));
    }

    @Override
    public Set<String> getPropertyNames() {
        return JmsRuntime.get(() -> {
            Set<String> names = new HashSet<>(Collections.list(properties.getPropertyNames()));
            return Collections.unmodifiableSet(names);
        });
    }

    // ---------------------------------------------------------------- headers

    @Override
    public JMSProducer setJMSCorrelationIDAsBytes(byte[] correlationID) {
        if (correlationID == null || correlationID.length == 0)
            throw new JMSRuntimeException("A correlation ID given as bytes must not be null or empty");
        this.correlationIdBytes = correlationID.clone();
        this.correlationId = null;
        return this;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        return correlationIdBytes == null ? null : correlationIdBytes.clone();
    }

    @Override
    public JMSProducer setJMSCorrelationID(String correlationID) {
        this.correlationId = correlationID;
        this.correlationIdBytes = null;
        return this;
    }

    @Override
    public String getJMSCorrelationID() {
        return correlationId;
    }

    @Override
    public JMSProducer setJMSType(String type) {
        this.type = type;
        return this;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public JMSProducer setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
        return this;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }
}
