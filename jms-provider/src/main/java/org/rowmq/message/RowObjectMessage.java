package org.rowmq.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * A message whose body is one serialized object. The object is serialized when set, so later changes to it do not
 * reach the message; every getObject() deserializes a fresh copy through an {@link ObjectMessageTrust}.
 */
public class RowObjectMessage extends RowMessage implements ObjectMessage {
    static final int TYPE = 4;

    private byte[] serialized;
    private ObjectMessageTrust trust;

    public RowObjectMessage() {
    }

    /** The classes this message's getObject() may deserialize; without it, {@link ObjectMessageTrust#getDefault()}. */
    public void setTrust(ObjectMessageTrust trust) {
        this.trust = trust;
    }

    @Override
    public void setObject(Serializable object) throws JMSException {
        checkBodyWritable();
        serialized = object == null ? null : serialize(object);
    }

    private static byte[] serialize(Serializable object) throws MessageFormatException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        } catch (IOException e) {
            MessageFormatException failure = new MessageFormatException("Cannot serialize the ObjectMessage body "
                    + object.getClass().getName() + ": " + e);
            failure.setLinkedException(e);
            failure.initCause(e);
            throw failure;
        }
        return bytes.toByteArray();
    }

    @Override
    public Serializable getObject() throws JMSException {
        ensureBody();
        if (serialized == null) {
            return null;
        }
        return (trust != null ? trust : ObjectMessageTrust.getDefault()).deserialize(serialized);
    }

    @Override
    int bodyType() {
        return TYPE;
    }

    @Override
    void writeBody(WireOutput out) {
        if (serialized == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.writeBytes(serialized);
        }
    }

    @Override
    void readBody(WireInput in) throws JMSException {
        int present = in.readByte();
        if (present == 1) {
            serialized = in.readBytes();
        } else if (present != 0) {
            throw in.corrupt("bad object marker " + present);
        }
    }

    @Override
    void clearBodyContent() {
        serialized = null;
    }

    @Override
    <T> T bodyAs(Class<T> c) throws JMSException {
        Serializable object = getObject();
        if (object == null) {
            return null;
        }
        if (!c.isInstance(object)) {
            throw new MessageFormatException("The ObjectMessage body is a " + object.getClass().getName()
                    + " and cannot be returned as " + c.getName());
        }
        return c.cast(object);
    }

    @Override
    boolean bodyAssignableTo(Class<?> c) throws JMSException {
        Serializable object = getObject();
        return object == null || c.isInstance(object);
    }
}
