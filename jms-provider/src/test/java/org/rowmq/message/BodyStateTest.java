package org.rowmq.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Read-only, write-only and position rules of the message bodies. */
class BodyStateTest {

    @SuppressWarnings("unchecked")
    private static <T extends RowMessage> T received(T sent) throws JMSException {
        T m = (T) MessageCodec.decode(MessageCodec.encode(sent));
        m.markDelivered(1);
        return m;
    }

    @Test
    void bytesMessageIsWriteOnlyUntilReset() throws JMSException {
        RowBytesMessage m = new RowBytesMessage();
        m.writeInt(42);
        m.writeUTF("héllo");
        assertThrows(MessageNotReadableException.class, m::readInt);
        assertThrows(MessageNotReadableException.class, m::getBodyLength);
        m.reset();
        assertThrows(MessageNotWriteableException.class, () -> m.writeInt(1));
        assertEquals(4 + 2 + 6, m.getBodyLength());
        assertEquals(42, m.readInt());
        assertEquals("héllo", m.readUTF());
        assertThrows(MessageEOFException.class, m::readByte);
        m.clearBody();
        assertThrows(MessageNotReadableException.class, m::readInt);
        m.writeByte((byte) 1);
        m.reset();
        assertEquals(1, m.getBodyLength());
    }

    @Test
    void bytesMessageReadBytesReadsInPiecesThenMinusOne() throws JMSException {
        RowBytesMessage m = new RowBytesMessage();
        m.writeBytes(new byte[] {1, 2, 3, 4, 5});
        RowBytesMessage r = received(m);
        byte[] buffer = new byte[2];
        assertEquals(2, r.readBytes(buffer));
        assertArrayEquals(new byte[] {1, 2}, buffer);
        assertEquals(2, r.readBytes(buffer, 2));
        assertEquals(1, r.readBytes(buffer, 1));
        assertEquals(5, buffer[0]);
        assertEquals(-1, r.readBytes(buffer));
        assertThrows(IndexOutOfBoundsException.class, () -> r.readBytes(buffer, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> r.readBytes(buffer, -1));
    }

    @Test
    void receivedBytesMessageIsReadOnlyUntilClearBody() throws JMSException {
        RowBytesMessage m = new RowBytesMessage();
        m.writeLong(7L);
        RowBytesMessage r = received(m);
        assertEquals(8, r.getBodyLength());
        assertThrows(MessageNotWriteableException.class, () -> r.writeInt(1));
        assertThrows(MessageNotWriteableException.class, () -> r.writeObject(1));
        assertEquals(7L, r.readLong());
        r.clearBody();
        r.writeInt(3);
        r.reset();
        assertEquals(3, r.readInt());
    }

    @Test
    void bytesWriteObjectAcceptsOnlyTheWrappersStringAndByteArray() throws JMSException {
        RowBytesMessage m = new RowBytesMessage();
        m.writeObject(true);
        m.writeObject((byte) 1);
        m.writeObject((short) 2);
        m.writeObject('c');
        m.writeObject(3);
        m.writeObject(4L);
        m.writeObject(5f);
        m.writeObject(6d);
        m.writeObject("s");
        m.writeObject(new byte[] {9});
        assertThrows(NullPointerException.class, () -> m.writeObject(null));
        assertThrows(MessageFormatException.class, () -> m.writeObject(new Object()));
        m.reset();
        assertTrue(m.readBoolean());
        assertEquals(1, m.readByte());
        assertEquals(2, m.readShort());
        assertEquals('c', m.readChar());
        assertEquals(3, m.readInt());
        assertEquals(4L, m.readLong());
        assertEquals(5f, m.readFloat());
        assertEquals(6d, m.readDouble());
        assertEquals("s", m.readUTF());
        assertEquals(9, m.readUnsignedByte());
    }

    @Test
    void streamMessageIsWriteOnlyUntilResetAndReadOnlyAfterReceipt() throws JMSException {
        RowStreamMessage m = new RowStreamMessage();
        m.writeInt(1);
        assertThrows(MessageNotReadableException.class, m::readInt);
        m.reset();
        assertThrows(MessageNotWriteableException.class, () -> m.writeInt(2));
        assertEquals(1, m.readInt());
        assertThrows(MessageEOFException.class, m::readInt);
        RowStreamMessage r = received(m);
        assertThrows(MessageNotWriteableException.class, () -> r.writeString("x"));
        assertEquals(1, r.readObject());
        r.clearBody();
        assertThrows(MessageNotReadableException.class, r::readInt);
        r.writeString("again");
        r.reset();
        assertEquals("again", r.readString());
    }

    @Test
    void streamFailedNumberConversionLeavesThePosition() throws JMSException {
        RowStreamMessage m = new RowStreamMessage();
        m.writeString("abc");
        m.writeObject(null);
        m.reset();
        assertThrows(NumberFormatException.class, m::readInt);
        assertThrows(MessageFormatException.class, m::readChar);
        assertEquals("abc", m.readString());
        assertThrows(NullPointerException.class, m::readDouble);
        assertThrows(NumberFormatException.class, m::readLong);
        assertFalse(m.readBoolean());
        assertThrows(MessageEOFException.class, m::readObject);
    }

    @Test
    void streamNullFieldsReadAsNullOrMinusOne() throws JMSException {
        RowStreamMessage m = new RowStreamMessage();
        m.writeString(null);
        m.writeBytes(null);
        m.writeObject(null);
        RowStreamMessage r = received(m);
        assertNull(r.readString());
        assertEquals(-1, r.readBytes(new byte[4]));
        assertNull(r.readObject());
    }

    @Test
    void streamByteArrayIsReadInPiecesAndMustBeFinished() throws JMSException {
        RowStreamMessage m = new RowStreamMessage();
        m.writeBytes(new byte[] {1, 2, 3, 4});
        m.writeBytes(new byte[0]);
        m.writeBytes(new byte[] {9, 8, 7, 6, 5}, 1, 2);
        m.writeInt(5);
        RowStreamMessage r = received(m);
        byte[] buffer = new byte[2];
        assertEquals(2, r.readBytes(buffer));
        assertThrows(MessageFormatException.class, r::readInt);
        assertThrows(MessageFormatException.class, r::readObject);
        assertEquals(2, r.readBytes(buffer));
        assertArrayEquals(new byte[] {3, 4}, buffer);
        assertEquals(-1, r.readBytes(buffer));
        assertEquals(0, r.readBytes(buffer));
        assertArrayEquals(new byte[] {8, 7}, (byte[]) r.readObject());
        assertThrows(MessageFormatException.class, () -> r.readBytes(buffer));
        assertEquals(5, r.readInt());
        assertThrows(MessageEOFException.class, () -> r.readBytes(buffer));
    }

    @Test
    void streamWriteObjectRejectsOtherTypes() {
        RowStreamMessage m = new RowStreamMessage();
        assertThrows(MessageFormatException.class, () -> m.writeObject(new ArrayList<>()));
    }

    @Test
    void mapMessageRules() throws JMSException {
        RowMapMessage m = new RowMapMessage();
        assertThrows(IllegalArgumentException.class, () -> m.setInt(null, 1));
        assertThrows(IllegalArgumentException.class, () -> m.setString("", "x"));
        assertThrows(MessageFormatException.class, () -> m.setObject("o", new Object()));
        byte[] bytes = {1, 2, 3};
        m.setBytes("b", bytes, 1, 2);
        m.setObject("c", 'z');
        m.setString("s", null);
        bytes[1] = 9;
        assertArrayEquals(new byte[] {2, 3}, m.getBytes("b"));
        assertTrue(m.itemExists("s"));
        assertNull(m.getString("s"));
        assertNull(m.getBytes("none"));
        assertFalse(m.getBoolean("none"));
        assertThrows(NumberFormatException.class, () -> m.getInt("none"));
        assertThrows(NullPointerException.class, () -> m.getChar("none"));
        assertThrows(NullPointerException.class, () -> m.getFloat("none"));
        RowMapMessage r = received(m);
        assertEquals(List.of("b", "c", "s"), Collections.list(r.getMapNames()));
        assertThrows(MessageNotWriteableException.class, () -> r.setInt("x", 1));
        assertThrows(MessageNotWriteableException.class, () -> r.setObject("x", 1));
        r.clearBody();
        assertFalse(r.getMapNames().hasMoreElements());
        r.setInt("x", 1);
        assertEquals(1, r.getInt("x"));
    }

    @Test
    void textMessageIsReadOnlyAfterReceipt() throws JMSException {
        RowTextMessage r = received(new RowTextMessage("hello"));
        assertEquals("hello", r.getText());
        assertThrows(MessageNotWriteableException.class, () -> r.setText("x"));
        r.clearBody();
        assertNull(r.getText());
        r.setText("new");
        assertEquals("new", r.getText());
    }

    @Test
    void objectMessageCopiesTheObjectWhenSetAndOnEveryGet() throws JMSException {
        RowObjectMessage m = new RowObjectMessage();
        ArrayList<String> list = new ArrayList<>(List.of("a"));
        m.setObject(list);
        list.add("b");
        assertEquals(List.of("a"), m.getObject());
        @SuppressWarnings("unchecked")
        List<String> got = (List<String>) m.getObject();
        got.add("c");
        assertEquals(List.of("a"), m.getObject());
        RowObjectMessage r = received(m);
        assertEquals(List.of("a"), r.getObject());
        assertThrows(MessageNotWriteableException.class, () -> r.setObject("x"));
        r.clearBody();
        assertNull(r.getObject());
    }
}
