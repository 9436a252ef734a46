package org.rowmq.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Message.getBody(Class) and isBodyAssignableTo(Class), per the JMS 2.0 javadoc. */
class GetBodyTest {

    @Test
    void plainMessageHasNoBody() throws JMSException {
        RowPlainMessage m = new RowPlainMessage();
        assertNull(m.getBody(String.class));
        assertTrue(m.isBodyAssignableTo(Integer.class));
    }

    @Test
    void textBody() throws JMSException {
        RowTextMessage m = new RowTextMessage();
        assertNull(m.getBody(Integer.class));
        assertTrue(m.isBodyAssignableTo(Integer.class));
        m.setText("t");
        assertEquals("t", m.getBody(String.class));
        assertEquals("t", m.getBody(CharSequence.class));
        assertEquals("t", m.getBody(Object.class));
        assertTrue(m.isBodyAssignableTo(String.class));
        assertFalse(m.isBodyAssignableTo(Integer.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(Integer.class));
    }

    @Test
    void bytesBodyInEveryStateWithoutMovingThePosition() throws JMSException {
        RowBytesMessage m = new RowBytesMessage();
        assertNull(m.getBody(byte[].class));
        assertTrue(m.isBodyAssignableTo(String.class));
        m.writeBytes(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, m.getBody(byte[].class));
        RowBytesMessage r = (RowBytesMessage) MessageCodec.decode(MessageCodec.encode(m));
        r.markDelivered(1);
        assertEquals(1, r.readByte());
        byte[] body = r.getBody(byte[].class);
        assertArrayEquals(new byte[] {1, 2, 3}, body);
        body[1] = 9;
        assertEquals(2, r.readByte());
        assertTrue(r.isBodyAssignableTo(byte[].class));
        assertFalse(r.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> r.getBody(String.class));
    }

    @Test
    void mapBody() throws JMSException {
        RowMapMessage m = new RowMapMessage();
        assertNull(m.getBody(Map.class));
        m.setInt("a", 1);
        assertEquals(Map.of("a", 1), m.getBody(Map.class));
        assertTrue(m.isBodyAssignableTo(Map.class));
        assertFalse(m.isBodyAssignableTo(HashMap.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(HashMap.class));
    }

    @Test
    void objectBody() throws JMSException {
        RowObjectMessage m = new RowObjectMessage();
        assertNull(m.getBody(String.class));
        assertTrue(m.isBodyAssignableTo(String.class));
        m.setObject(new ArrayList<>(List.of(1)));
        assertEquals(List.of(1), m.getBody(List.class));
        assertEquals(List.of(1), m.getBody(Serializable.class));
        assertTrue(m.isBodyAssignableTo(ArrayList.class));
        assertFalse(m.isBodyAssignableTo(String.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(String.class));
    }

    @Test
    void streamBodyIsNeverAssignable() throws JMSException {
        RowStreamMessage m = new RowStreamMessage();
        assertFalse(m.isBodyAssignableTo(Object.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(Object.class));
        m.writeInt(1);
        assertFalse(m.isBodyAssignableTo(Object.class));
        assertThrows(MessageFormatException.class, () -> m.getBody(Object.class));
    }
}
