package org.rowmq.message;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;

import java.util.Map;

/**
 * The one binary form of a message, which the store writes as is. Layout (format 1):
 * <pre>
 *   format byte (1) | type byte | header flags (varint)
 *   [messageID str] [correlationID str | bytes] [replyTo dest] [destination dest] [type str]
 *   timestamp, expiration, deliveryTime, deliveryMode, priority (zig-zag varints)
 *   property count (varint), then name str + typed value per property
 *   body, to the end: by message type (none; text; raw bytes; map entries; serialized object; stream fields)
 * </pre>
 * Strings are length-prefixed UTF-8; a destination is a kind byte (bit 0 topic, bit 1 temporary) and its name. No
 * Java serialization outside an ObjectMessage body. Decoding reads headers and properties at once and leaves the body
 * encoded until the application touches it; any malformed input ends in a JMSException.
 */
public final class MessageCodec {
    static final int FORMAT = 1;

    private static final int HAS_MESSAGE_ID = 1;
    private static final int HAS_CORRELATION_ID = 1 << 1;
    private static final int HAS_CORRELATION_ID_BYTES = 1 << 2;
    private static final int HAS_REPLY_TO = 1 << 3;
    private static final int HAS_DESTINATION = 1 << 4;
    private static final int HAS_TYPE = 1 << 5;
    private static final int REDELIVERED = 1 << 6;
    private static final int KNOWN_FLAGS = (1 << 7) - 1;

    private static final int DESTINATION_TOPIC = 1;
    private static final int DESTINATION_TEMPORARY = 2;

    private MessageCodec() {
    }

    public static byte[] encode(RowMessage m) throws JMSException {
        WireOutput out = new WireOutput(256);
        out.writeByte(FORMAT);
        out.writeByte(m.bodyType());
        String messageId = m.getJMSMessageID();
        String correlationId = m.correlationIdStringOrNull();
        byte[] correlationIdBytes = m.correlationIdBytesOrNull();
        Destination replyTo = m.replyToDestination();
        Destination destination = m.getJMSDestination();
        String type = m.getJMSType();
        int flags = (messageId != null ? HAS_MESSAGE_ID : 0)
                | (correlationId != null ? HAS_CORRELATION_ID : 0)
                | (correlationIdBytes != null ? HAS_CORRELATION_ID_BYTES : 0)
                | (replyTo != null ? HAS_REPLY_TO : 0)
                | (destination != null ? HAS_DESTINATION : 0)
                | (type != null ? HAS_TYPE : 0)
                | (m.getJMSRedelivered() ? REDELIVERED : 0);
        out.writeVarLong(flags);
        if (messageId != null) {
            out.writeString(messageId);
        }
        if (correlationId != null) {
            out.writeString(correlationId);
        }
        if (correlationIdBytes != null) {
            out.writeBytes(correlationIdBytes);
        }
        if (replyTo != null) {
            writeDestination(out, replyTo);
        }
        if (destination != null) {
            writeDestination(out, destination);
        }
        if (type != null) {
            out.writeString(type);
        }
        out.writeSignedVarLong(m.getJMSTimestamp());
        out.writeSignedVarLong(m.getJMSExpiration());
        out.writeSignedVarLong(m.getJMSDeliveryTime());
        out.writeSignedVarLong(m.getJMSDeliveryMode());
        out.writeSignedVarLong(m.getJMSPriority());
        Map<String, Object> properties = m.properties();
        out.writeLength(properties.size());
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            out.writeString(e.getKey());
            TypedValues.write(out, e.getValue());
        }
        if (!m.writePendingBody(out)) {
            m.writeBody(out);
        }
        return out.toByteArray();
    }

    private static void writeDestination(WireOutput out, Destination d) throws JMSException {
        RowDestination row = DestinationNames.toRow(d);
        out.writeByte((row.isQueue() ? 0 : DESTINATION_TOPIC) | (row.isTemporary() ? DESTINATION_TEMPORARY : 0));
        out.writeString(row.name());
    }

    /**
     * The message in the received state (read-only body and properties); its body is decoded on first access.
     */
    public static RowMessage decode(byte[] bytes) throws JMSException {
        if (bytes == null) {
            throw new MessageFormatException("Corrupt RowMQ message encoding: no bytes");
        }
        WireInput in = new WireInput(bytes, 0, bytes.length);
        try {
            int format = in.readByte();
            if (format != FORMAT) {
                throw in.corrupt("unknown format " + format + " (this version reads format " + FORMAT + ")");
            }
            RowMessage m = newMessage(in.readByte(), in);
            long flags = in.readVarLong();
            if ((flags & ~KNOWN_FLAGS) != 0) {
                throw in.corrupt("unknown header flags " + flags);
            }
            if ((flags & HAS_MESSAGE_ID) != 0) {
                m.setJMSMessageID(in.readString());
            }
            if ((flags & HAS_CORRELATION_ID) != 0) {
                m.setJMSCorrelationID(in.readString());
            }
            if ((flags & HAS_CORRELATION_ID_BYTES) != 0) {
                if ((flags & HAS_CORRELATION_ID) != 0) {
                    throw in.corrupt("two correlation IDs");
                }
                m.setJMSCorrelationIDAsBytes(in.readBytes());
            }
            if ((flags & HAS_REPLY_TO) != 0) {
                m.setJMSReplyTo(readDestination(in));
            }
            if ((flags & HAS_DESTINATION) != 0) {
                m.setJMSDestination(readDestination(in));
            }
            if ((flags & HAS_TYPE) != 0) {
                m.setJMSType(in.readString());
            }
            m.setRedeliveredFlag((flags & REDELIVERED) != 0);
            m.setJMSTimestamp(in.readSignedVarLong());
            m.setJMSExpiration(in.readSignedVarLong());
            m.setJMSDeliveryTime(in.readSignedVarLong());
            m.setJMSDeliveryMode(readInt(in));
            m.setJMSPriority(readInt(in));
            int count = in.readLength();
            Map<String, Object> properties = m.properties();
            for (int i = 0; i < count; i++) {
                String name = in.readString();
                if (properties.put(name, TypedValues.read(in, false)) != null || properties.size() != i + 1) {
                    throw in.corrupt("property " + name + " appears twice");
                }
            }
            m.setPendingBody(bytes, in.position(), bytes.length);
            m.setReceivedState();
            return m;
        } catch (JMSException e) {
            throw e;
        } catch (RuntimeException e) {
            // WireInput checks every bound; this is a last line so that no input escapes as an unchecked exception.
            throw corrupt("unexpected " + e, e);
        }
    }

    private static int readInt(WireInput in) throws MessageFormatException {
        long value = in.readSignedVarLong();
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw in.corrupt("value " + value + " out of range");
        }
        return (int) value;
    }

    private static RowMessage newMessage(int type, WireInput in) throws MessageFormatException {
        switch (type) {
            case RowPlainMessage.TYPE:
                return new RowPlainMessage();
            case RowTextMessage.TYPE:
                return new RowTextMessage();
            case RowBytesMessage.TYPE:
                return new RowBytesMessage();
            case RowMapMessage.TYPE:
                return new RowMapMessage();
            case RowObjectMessage.TYPE:
                return new RowObjectMessage();
            case RowStreamMessage.TYPE:
                return new RowStreamMessage();
            default:
                throw in.corrupt("unknown message type " + type);
        }
    }

    private static RowDestination readDestination(WireInput in) throws MessageFormatException {
        int kind = in.readByte();
        if ((kind & ~(DESTINATION_TOPIC | DESTINATION_TEMPORARY)) != 0) {
            throw in.corrupt("unknown destination kind " + kind);
        }
        String name = in.readString();
        boolean temporary = (kind & DESTINATION_TEMPORARY) != 0;
        if ((kind & DESTINATION_TOPIC) != 0) {
            // A decoded temporary destination has no owner: only the creating connection may delete it.
            return temporary ? new RowTemporaryTopic(name, null) : new RowTopic(name, RowDestination.INTERNAL);
        }
        return temporary ? new RowTemporaryQueue(name, null) : new RowQueue(name, RowDestination.INTERNAL);
    }

    static MessageFormatException corrupt(String what, Exception cause) {
        MessageFormatException e = new MessageFormatException("Corrupt RowMQ message encoding: " + what);
        e.setLinkedException(cause);
        e.initCause(cause);
        return e;
    }
}
