package org.rowmq.message;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * A stream of uninterpreted bytes in java.io.DataOutput format. Write-only until {@link #reset()} (or receipt), then
 * read-only until {@link #clearBody()}.
 */
public class RowBytesMessage extends RowMessage implements BytesMessage {
    static final int TYPE = 2;

    // Writing: the bytes so far. Reading: content and a stream over it.
    private ByteArrayOutputStream written = new ByteArrayOutputStream();
    private DataOutputStream output = new DataOutputStream(written);
    private byte[] content;
    private DataInputStream input;

    public RowBytesMessage() {
    }

    // ---------------------------------------------------------------- state

    @Override
    public void reset() throws JMSException {
        ensureBody();
        if (input == null) {
            startReading(written.toByteArray());
        } else {
            startReading(content);
        }
    }

    private void startReading(byte[] bytes) {
        content = bytes;
        input = new DataInputStream(new ByteArrayInputStream(bytes));
        written = null;
        output = null;
    }

    @Override
    public long getBodyLength() throws JMSException {
        readable();
        return content.length;
    }

    private DataInputStream readable() throws JMSException {
        ensureBody();
        if (input == null) {
            throw new MessageNotReadableException("The BytesMessage is write-only: call reset() before reading");
        }
        return input;
    }

    private DataOutputStream writable() throws JMSException {
        ensureBody();
        checkBodyWritable();
        if (output == null) {
            throw new MessageNotWriteableException("The BytesMessage is read-only after reset(): call clearBody()"
                    + " to write a new body");
        }
        return output;
    }

    private byte[] currentBytes() {
        return input != null ? content : written.toByteArray();
    }

    // ---------------------------------------------------------------- reading

    private interface Read<T> {
        T from(DataInputStream in) throws IOException;
    }

    private <T> T read(Read<T> read) throws JMSException {
        DataInputStream in = readable();
        try {
            return read.from(in);
        } catch (EOFException e) {
            MessageEOFException eof = new MessageEOFException("Unexpected end of the BytesMessage body");
            eof.initCause(e);
            throw eof;
        } catch (IOException e) {
            MessageFormatException format = new MessageFormatException("Cannot read the BytesMessage body: " + e);
            format.initCause(e);
            throw format;
        }
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(DataInputStream::readBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(DataInputStream::readByte);
    }

    @Override
    public int readUnsignedByte() throws JMSException {
        return read(DataInputStream::readUnsignedByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(DataInputStream::readShort);
    }

    @Override
    public int readUnsignedShort() throws JMSException {
        return read(DataInputStream::readUnsignedShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(DataInputStream::readChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(DataInputStream::readInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(DataInputStream::readLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(DataInputStream::readFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(DataInputStream::readDouble);
    }

    @Override
    public String readUTF() throws JMSException {
        return read(in -> in.readUTF());
    }

    @Override
    public int readBytes(byte[] value) throws JMSException {
        return readBytes(value, value.length);
    }

    /** Reads up to length bytes; returns how many, or -1 when the body is exhausted. */
    @Override
    public int readBytes(byte[] value, int length) throws JMSException {
        if (length < 0 || length > value.length) {
            throw new IndexOutOfBoundsException("length " + length + " is outside 0.." + value.length);
        }
        DataInputStream in = readable();
        if (length == 0) {
            return 0;
        }
        try {
            return in.read(value, 0, length);
        } catch (IOException e) {
            throw new MessageFormatException("Cannot read the BytesMessage body: " + e);
        }
    }

    // ---------------------------------------------------------------- writing

    private interface Write {
        void to(DataOutputStream out) throws IOException;
    }

    private void write(Write write) throws JMSException {
        DataOutputStream out = writable();
        try {
            write.to(out);
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail; writeUTF does for strings over 65535 encoded bytes.
            MessageFormatException format = new MessageFormatException("Cannot write to the BytesMessage: " + e);
            format.initCause(e);
            throw format;
        }
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        write(out -> out.writeBoolean(value));
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        write(out -> out.writeByte(value));
    }

    @Override
    public void writeShort(short value) throws JMSException {
        write(out -> out.writeShort(value));
    }

    @Override
    public void writeChar(char value) throws JMSException {
        write(out -> out.writeChar(value));
    }

    @Override
    public void writeInt(int value) throws JMSException {
        write(out -> out.writeInt(value));
    }

    @Override
    public void writeLong(long value) throws JMSException {
        write(out -> out.writeLong(value));
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        write(out -> out.writeFloat(value));
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        write(out -> out.writeDouble(value));
    }

    @Override
    public void writeUTF(String value) throws JMSException {
        write(out -> out.writeUTF(value));
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        write(out -> out.write(value));
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        write(out -> out.write(value, offset, length));
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        if (value == null) {
            throw new NullPointerException("BytesMessage.writeObject does not accept null");
        } else if (value instanceof Boolean v) {
            writeBoolean(v);
        } else if (value instanceof Byte v) {
            writeByte(v);
        } else if (value instanceof Short v) {
            writeShort(v);
        } else if (value instanceof Character v) {
            writeChar(v);
        } else if (value instanceof Integer v) {
            writeInt(v);
        } else if (value instanceof Long v) {
            writeLong(v);
        } else if (value instanceof Float v) {
            writeFloat(v);
        } else if (value instanceof Double v) {
            writeDouble(v);
        } else if (value instanceof String v) {
            writeUTF(v);
        } else if (value instanceof byte[] v) {
            writeBytes(v);
        } else {
            throw new MessageFormatException("BytesMessage.writeObject cannot write a " + value.getClass().getName());
        }
    }

    // ---------------------------------------------------------------- codec and JMS 2.0 body access

    @Override
    int bodyType() {
        return TYPE;
    }

    @Override
    void writeBody(WireOutput out) {
        byte[] bytes = currentBytes();
        out.writeRaw(bytes, 0, bytes.length);
    }

    /** The body is the remaining bytes as they are: no length prefix, no copy beyond one. */
    @Override
    void readBody(WireInput in) {
        byte[] bytes = new byte[in.remaining()];
        System.arraycopy(in.source(), in.position(), bytes, 0, bytes.length);
        in.skipToEnd();
        startReading(bytes);
    }

    @Override
    void clearBodyContent() {
        written = new ByteArrayOutputStream();
        output = new DataOutputStream(written);
        content = null;
        input = null;
    }

    @Override
    void enterReadOnlyBody() {
        startReading(currentBytes());
    }

    /** The whole body, whatever the read position or mode; the position does not move. */
    @Override
    <T> T bodyAs(Class<T> c) throws JMSException {
        byte[] bytes = currentBytes();
        if (bytes.length == 0) {
            return null;
        }
        if (!c.isAssignableFrom(byte[].class)) {
            throw new MessageFormatException("A BytesMessage body is a byte[] and cannot be returned as "
                    + c.getName());
        }
        return c.cast(bytes == content ? bytes.clone() : bytes);
    }

    @Override
    boolean bodyAssignableTo(Class<?> c) {
        return currentBytes().length == 0 || c.isAssignableFrom(byte[].class);
    }
}
