package org.rowmq.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ForeignMessagesTest {

    /** Another implementation of the interface: a proxy that is no RowMessage, backed by one. */
    @SuppressWarnings("unchecked")
    private static <T extends Message> T foreign(Class<T> type, RowMessage backing) throws JMSException {
        backing.setJMSCorrelationID("corr-1");
        backing.setJMSType("kind");
        backing.setJMSReplyTo((Queue) () -> "replies");
        backing.setIntProperty("n", 7);
        backing.setStringProperty("s", "v");
        return (T) Proxy.newProxyInstance(ForeignMessagesTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(backing, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void assertHeadersAndProperties(RowMessage copy) throws JMSException {
        assertEquals("corr-1", copy.getJMSCorrelationID());
        assertEquals("kind", copy.getJMSType());
        assertEquals(new RowQueue("replies"), copy.getJMSReplyTo());
        assertEquals(7, copy.getIntProperty("n"));
        assertEquals("v", copy.getStringProperty("s"));
        assertNull(copy.getJMSMessageID());
        // The copy encodes like any message of ours.
        RowMessage decoded = MessageCodec.decode(MessageCodec.encode(copy));
        assertEquals("corr-1", decoded.getJMSCorrelationID());
    }

    @Test
    void textMessage() throws JMSException {
        TextMessage foreign = foreign(TextMessage.class, new RowTextMessage("body"));
        RowMessage copy = ForeignMessages.copy(foreign);
        assertEquals("body", assertInstanceOf(RowTextMessage.class, copy).getText());
        assertHeadersAndProperties(copy);
    }

    @Test
    void bytesMessageInWriteMode() throws JMSException {
        RowBytesMessage backing = new RowBytesMessage();
        backing.writeBytes(new byte[20_000]);
        backing.writeInt(99);
        BytesMessage foreign = foreign(BytesMessage.class, backing);
        RowBytesMessage copy = assertInstanceOf(RowBytesMessage.class, ForeignMessages.copy(foreign));
        copy.reset();
        assertEquals(20_004, copy.getBodyLength());
        copy.readBytes(new byte[20_000]);
        assertEquals(99, copy.readInt());
        assertHeadersAndProperties(copy);
    }

    @Test
    void mapMessage() throws JMSException {
        RowMapMessage backing = new RowMapMessage();
        backing.setChar("c", 'q');
        backing.setBytes("b", new byte[] {4});
        RowMapMessage copy = assertInstanceOf(RowMapMessage.class,
                ForeignMessages.copy(foreign(MapMessage.class, backing)));
        assertEquals('q', copy.getChar("c"));
        assertArrayEquals(new byte[] {4}, copy.getBytes("b"));
        assertHeadersAndProperties(copy);
    }

    @Test
    void objectMessage() throws JMSException {
        RowObjectMessage backing = new RowObjectMessage();
        backing.setObject(new ArrayList<>(List.of("x")));
        RowObjectMessage copy = assertInstanceOf(RowObjectMessage.class,
                ForeignMessages.copy(foreign(ObjectMessage.class, backing)));
        assertEquals(List.of("x"), copy.getObject());
        assertHeadersAndProperties(copy);
    }

    @Test
    void streamMessage() throws JMSException {
        RowStreamMessage backing = new RowStreamMessage();
        backing.writeInt(1);
        backing.writeString(null);
        backing.writeBytes(new byte[] {2});
        RowStreamMessage copy = assertInstanceOf(RowStreamMessage.class,
                ForeignMessages.copy(foreign(StreamMessage.class, backing)));
        copy.reset();
        assertEquals(1, copy.readInt());
        assertNull(copy.readString());
        assertArrayEquals(new byte[] {2}, (byte[]) copy.readObject());
        assertHeadersAndProperties(copy);
    }

    @Test
    void plainMessage() throws JMSException {
        RowMessage copy = ForeignMessages.copy(foreign(Message.class, new RowPlainMessage()));
        assertInstanceOf(RowPlainMessage.class, copy);
        assertHeadersAndProperties(copy);
        assertFalse(copy.getJMSRedelivered());
    }

    @Test
    void aReplyToThatIsNeitherQueueNorTopicIsRefused() throws JMSException {
        RowMessage backing = new RowPlainMessage();
        Message foreign = foreign(Message.class, backing);
        backing.setJMSReplyTo(new jakarta.jms.Destination() {
        });
        assertThrows(jakarta.jms.InvalidDestinationException.class, () -> ForeignMessages.copy(foreign));
    }
}
