package org.rowmq.message;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import org.rowmq.selector.SelectorContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every JMS message has: headers, properties, the read-only rules, acknowledgement, and the hooks through which
 * {@link MessageCodec} encodes and lazily decodes the body of each message type. A message without a body is a
 * {@link RowPlainMessage}.
 *
 * <p>A decoded message is in the received state: properties and body are read-only. Its body stays encoded until the
 * application first touches it, because a consumer with a selector reads only headers and properties.
 *
 * <p>Not thread-safe, as the spec allows: a message belongs to one session's thread at a time.
 */
public abstract class RowMessage implements Message, SelectorContext {
    /** Set on every received message by {@link #markDelivered(int)}. */
    public static final String JMSX_DELIVERY_COUNT = "JMSXDeliveryCount";

    private String messageId;
    private long timestamp;
    private String correlationId;
    private byte[] correlationIdBytes;
    private Destination replyTo;
    private Destination destination;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private boolean redelivered;
    private String type;
    private long expiration;
    private long deliveryTime;
    private int priority = Message.DEFAULT_PRIORITY;

    private final Map<String, Object> properties = new LinkedHashMap<>();
    private boolean propertiesReadOnly;
    private boolean bodyReadOnly;
    private Acknowledger acknowledger;

    // The body as encoded, until first access; null once decoded or when the message was built here.
    private byte[] pendingBody;
    private int pendingBodyStart;
    private int pendingBodyEnd;

    RowMessage() {
    }

    // ---------------------------------------------------------------- provider hooks (public for the client layer)

    /** Message.acknowledge() calls it; without one (a message never received) acknowledge() does nothing. */
    public void setAcknowledger(Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
    }

    /**
     * After receive: JMSXDeliveryCount = deliveryCount, JMSRedelivered = deliveryCount &gt; 1, body and properties
     * read-only (a BytesMessage or StreamMessage reads from its start).
     */
    public void markDelivered(int deliveryCount) {
        properties.put(JMSX_DELIVERY_COUNT, deliveryCount);
        redelivered = deliveryCount > 1;
        propertiesReadOnly = true;
        if (!bodyReadOnly) {
            bodyReadOnly = true;
            enterReadOnlyBody();
        }
    }

    /** Sets a JMSX or JMS_ property the provider owns, whatever the read-only state (e.g. on dead letters). */
    public void setProviderProperty(String name, Object value) {
        if (!isPropertyType(value)) {
            throw new IllegalArgumentException("Unsupported property type for " + name + ": " + value.getClass());
        }
        properties.put(name, value);
    }

    /**
     * Makes the message ready to encode. The bodies keep their content in encodable form at all times, so nothing is
     * left to flush; the hook stays so the client layer has one call to make before {@link MessageCodec#encode}.
     */
    public void beforeSend() {
        // Deliberately empty in this class; see the javadoc.
    }

    // ---------------------------------------------------------------- body hooks for the message types

    /** The type code written by the codec. */
    abstract int bodyType();

    abstract void writeBody(WireOutput out) throws JMSException;

    /** Reads the body the codec set aside; the message is in the received (read-only) state. */
    abstract void readBody(WireInput in) throws JMSException;

    abstract void clearBodyContent();

    /** Called when the body becomes read-only on receive; BytesMessage and StreamMessage reset to their start. */
    void enterReadOnlyBody() {
    }

    abstract <T> T bodyAs(Class<T> c) throws JMSException;

    abstract boolean bodyAssignableTo(Class<?> c) throws JMSException;

    final void ensureBody() throws JMSException {
        if (pendingBody != null) {
            WireInput in = new WireInput(pendingBody, pendingBodyStart, pendingBodyEnd);
            try {
                readBody(in);
            } catch (JMSException e) {
                throw e;
            } catch (RuntimeException e) {
                throw MessageCodec.corrupt("the body cannot be read", e);
            }
            if (in.remaining() != 0) {
                throw in.corrupt(in.remaining() + " bytes left after the body");
            }
            pendingBody = null;
        }
    }

    final void setPendingBody(byte[] bytes, int start, int end) {
        pendingBody = bytes;
        pendingBodyStart = start;
        pendingBodyEnd = end;
    }

    /** The body exactly as encoded, or null when it has been decoded (or the message was built here). */
    final boolean writePendingBody(WireOutput out) {
        if (pendingBody == null) {
            return false;
        }
        out.writeRaw(pendingBody, pendingBodyStart, pendingBodyEnd - pendingBodyStart);
        return true;
    }

    final void setReceivedState() {
        propertiesReadOnly = true;
        bodyReadOnly = true;
    }

    final void checkBodyWritable() throws MessageNotWriteableException {
        if (bodyReadOnly) {
            throw new MessageNotWriteableException("The message body is read-only: the message was received;"
                    + " call clearBody() to write a new body");
        }
    }

    final Map<String, Object> properties() {
        return properties;
    }

    final Destination replyToDestination() {
        return replyTo;
    }

    final byte[] correlationIdBytesOrNull() {
        return correlationIdBytes;
    }

    final String correlationIdStringOrNull() {
        return correlationId;
    }

    final void setRedeliveredFlag(boolean value) {
        redelivered = value;
    }

    // ---------------------------------------------------------------- headers

    @Override
    public String getJMSMessageID() {
        return messageId;
    }

    @Override
    public void setJMSMessageID(String id) {
        messageId = id;
    }

    @Override
    public long getJMSTimestamp() {
        return timestamp;
    }

    @Override
    public void setJMSTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    @Override
    public byte[] getJMSCorrelationIDAsBytes() {
        if (correlationIdBytes != null) {
            return correlationIdBytes.clone();
        }
        return correlationId == null ? null : correlationId.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void setJMSCorrelationIDAsBytes(byte[] correlationId) {
        this.correlationIdBytes = correlationId == null ? null : correlationId.clone();
        this.correlationId = null;
    }

    @Override
    public void setJMSCorrelationID(String correlationId) {
        this.correlationId = correlationId;
        this.correlationIdBytes = null;
    }

    @Override
    public String getJMSCorrelationID() {
        if (correlationIdBytes != null) {
            return new String(correlationIdBytes, StandardCharsets.UTF_8);
        }
        return correlationId;
    }

    @Override
    public Destination getJMSReplyTo() {
        return replyTo;
    }

    @Override
    public void setJMSReplyTo(Destination replyTo) {
        this.replyTo = replyTo;
    }

    @Override
    public Destination getJMSDestination() {
        return destination;
    }

    @Override
    public void setJMSDestination(Destination destination) {
        this.destination = destination;
    }

    @Override
    public int getJMSDeliveryMode() {
        return deliveryMode;
    }

    @Override
    public void setJMSDeliveryMode(int deliveryMode) {
        this.deliveryMode = deliveryMode;
    }

    @Override
    public boolean getJMSRedelivered() {
        return redelivered;
    }

    @Override
    public void setJMSRedelivered(boolean redelivered) {
        this.redelivered = redelivered;
    }

    @Override
    public String getJMSType() {
        return type;
    }

    @Override
    public void setJMSType(String type) {
        this.type = type;
    }

    @Override
    public long getJMSExpiration() {
        return expiration;
    }

    @Override
    public void setJMSExpiration(long expiration) {
        this.expiration = expiration;
    }

    @Override
    public long getJMSDeliveryTime() {
        return deliveryTime;
    }

    @Override
    public void setJMSDeliveryTime(long deliveryTime) {
        this.deliveryTime = deliveryTime;
    }

    @Override
    public int getJMSPriority() {
        return priority;
    }

    @Override
    public void setJMSPriority(int priority) {
        this.priority = priority;
    }

    // ---------------------------------------------------------------- properties

    @Override
    public void clearProperties() {
        properties.clear();
        propertiesReadOnly = false;
    }

    @Override
    public boolean propertyExists(String name) {
        return properties.containsKey(name);
    }

    @Override
    public boolean getBooleanProperty(String name) throws JMSException {
        return TypeConversions.toBoolean(properties.get(name));
    }

    @Override
    public byte getByteProperty(String name) throws JMSException {
        return TypeConversions.toByte(properties.get(name));
    }

    @Override
    public short getShortProperty(String name) throws JMSException {
        return TypeConversions.toShort(properties.get(name));
    }

    @Override
    public int getIntProperty(String name) throws JMSException {
        return TypeConversions.toInt(properties.get(name));
    }

    @Override
    public long getLongProperty(String name) throws JMSException {
        return TypeConversions.toLong(properties.get(name));
    }

    @Override
    public float getFloatProperty(String name) throws JMSException {
        return TypeConversions.toFloat(properties.get(name));
    }

    @Override
    public double getDoubleProperty(String name) throws JMSException {
        return TypeConversions.toDouble(properties.get(name));
    }

    @Override
    public String getStringProperty(String name) throws JMSException {
        return TypeConversions.toText(properties.get(name));
    }

    @Override
    public Object getObjectProperty(String name) {
        return properties.get(name);
    }

    @Override
    public Enumeration<String> getPropertyNames() {
        return Collections.enumeration(new ArrayList<>(properties.keySet()));
    }

    @Override
    public void setBooleanProperty(String name, boolean value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setByteProperty(String name, byte value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setShortProperty(String name, short value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setIntProperty(String name, int value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setLongProperty(String name, long value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setFloatProperty(String name, float value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setDoubleProperty(String name, double value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setStringProperty(String name, String value) throws JMSException {
        putProperty(name, value);
    }

    @Override
    public void setObjectProperty(String name, Object value) throws JMSException {
        if (!isPropertyType(value)) {
            PropertyNames.validate(name);
            throw new MessageFormatException("Property " + name + " cannot hold a " + value.getClass().getName()
                    + ": only Boolean, Byte, Short, Integer, Long, Float, Double and String are allowed");
        }
        putProperty(name, value);
    }

    private void putProperty(String name, Object value) throws JMSException {
        PropertyNames.validate(name);
        if (propertiesReadOnly) {
            throw new MessageNotWriteableException("The message properties are read-only: the message was received;"
                    + " call clearProperties() to write new ones");
        }
        properties.put(name, value);
    }

    static boolean isPropertyType(Object value) {
        return value == null || value instanceof String || value instanceof Integer || value instanceof Long
                || value instanceof Boolean || value instanceof Byte || value instanceof Short
                || value instanceof Float || value instanceof Double;
    }

    // ---------------------------------------------------------------- body, acknowledgement, selectors

    @Override
    public void clearBody() throws JMSException {
        pendingBody = null;
        clearBodyContent();
        bodyReadOnly = false;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        ensureBody();
        return bodyAs(c);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) throws JMSException {
        ensureBody();
        return bodyAssignableTo(c);
    }

    @Override
    public void acknowledge() throws JMSException {
        if (acknowledger != null) {
            acknowledger.acknowledge();
        }
    }

    @Override
    public Object value(String identifier) {
        switch (identifier) {
            case "JMSDeliveryMode":
                return deliveryMode == DeliveryMode.PERSISTENT ? "PERSISTENT" : "NON_PERSISTENT";
            case "JMSPriority":
                return priority;
            case "JMSMessageID":
                return messageId;
            case "JMSTimestamp":
                return timestamp;
            case "JMSCorrelationID":
                return getJMSCorrelationID();
            case "JMSType":
                return type;
            default:
                return properties.get(identifier);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[id=" + messageId + ", destination=" + destination + ", properties="
                + properties.keySet() + "]";
    }
}
