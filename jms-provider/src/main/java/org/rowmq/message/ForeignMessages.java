package org.rowmq.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import java.util.Enumeration;

/**
 * Copies a message of another implementation (section 3.12: a provider must accept them) into RowMQ's form: the
 * same message type, the headers an application sets (JMSCorrelationID, JMSReplyTo, JMSType), the properties and
 * the body. The provider headers are set on the copy at send, like on any message.
 */
public final class ForeignMessages {
    private ForeignMessages() {
    }

    public static RowMessage copy(Message foreign) throws JMSException {
        RowMessage copy = copyBody(foreign);
        byte[] correlationIdBytes = correlationIdBytes(foreign);
        if (correlationIdBytes != null) {
            copy.setJMSCorrelationIDAsBytes(correlationIdBytes);
        } else {
            copy.setJMSCorrelationID(foreign.getJMSCorrelationID());
        }
        if (foreign.getJMSReplyTo() != null) {
            copy.setJMSReplyTo(DestinationNames.toRow(foreign.getJMSReplyTo()));
        }
        copy.setJMSType(foreign.getJMSType());
        Enumeration<?> names = foreign.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            copy.setObjectProperty(name, foreign.getObjectProperty(name));
        }
        return copy;
    }

    /**
     * The correlation ID as bytes only when it was set as bytes: implementations differ on what
     * getJMSCorrelationIDAsBytes returns for a String ID (some throw), so the String form is preferred.
     */
    private static byte[] correlationIdBytes(Message foreign) {
        try {
            if (foreign.getJMSCorrelationID() == null) {
                return foreign.getJMSCorrelationIDAsBytes();
            }
        } catch (JMSException | RuntimeException e) {
            // No bytes form; the String form (null) stands.
        }
        return null;
    }

    private static RowMessage copyBody(Message foreign) throws JMSException {
        if (foreign instanceof TextMessage text) {
            return new RowTextMessage(text.getText());
        }
        if (foreign instanceof BytesMessage bytes) {
            RowBytesMessage copy = new RowBytesMessage();
            bytes.reset();
            byte[] buffer = new byte[8192];
            for (int n = bytes.readBytes(buffer); n > 0; n = bytes.readBytes(buffer)) {
                copy.writeBytes(buffer, 0, n);
            }
            bytes.reset();
            return copy;
        }
        if (foreign instanceof MapMessage map) {
            RowMapMessage copy = new RowMapMessage();
            Enumeration<?> names = map.getMapNames();
            while (names.hasMoreElements()) {
                String name = (String) names.nextElement();
                copy.setObject(name, map.getObject(name));
            }
            return copy;
        }
        if (foreign instanceof ObjectMessage object) {
            RowObjectMessage copy = new RowObjectMessage();
            copy.setObject(object.getObject());
            return copy;
        }
        if (foreign instanceof StreamMessage stream) {
            RowStreamMessage copy = new RowStreamMessage();
            stream.reset();
            while (true) {
                Object field;
                try {
                    field = stream.readObject();
                } catch (MessageEOFException end) {
                    break;
                }
                copy.writeObject(field);
            }
            stream.reset();
            return copy;
        }
        return new RowPlainMessage();
    }
}
