package org.rowmq.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.TextMessage;

/** A message whose body is one String (or null). */
public class RowTextMessage extends RowMessage implements TextMessage {
    static final int TYPE = 1;

    private String text;

    public RowTextMessage() {
    }

    public RowTextMessage(String text) {
        this.text = text;
    }

    @Override
    public void setText(String text) throws JMSException {
        checkBodyWritable();
        this.text = text;
    }

    @Override
    public String getText() throws JMSException {
        ensureBody();
        return text;
    }

    @Override
    int bodyType() {
        return TYPE;
    }

    @Override
    void writeBody(WireOutput out) {
        if (text == null) {
            out.writeByte(0);
        } else {
            out.writeByte(1);
            out.writeString(text);
        }
    }

    @Override
    void readBody(WireInput in) throws JMSException {
        int present = in.readByte();
        if (present == 1) {
            text = in.readString();
        } else if (present != 0) {
            throw in.corrupt("bad text marker " + present);
        }
    }

    @Override
    void clearBodyContent() {
        text = null;
    }

    @Override
    <T> T bodyAs(Class<T> c) throws JMSException {
        if (text == null) {
            return null;
        }
        if (!c.isAssignableFrom(String.class)) {
            throw new MessageFormatException("A TextMessage body is a String and cannot be returned as " + c.getName());
        }
        return c.cast(text);
    }

    @Override
    boolean bodyAssignableTo(Class<?> c) {
        return text == null || c.isAssignableFrom(String.class);
    }
}
