package org.rowmq.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotReadableException;
import jakarta.jms.MessageNotWriteableException;
import jakarta.jms.StreamMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * A sequence of typed fields read in order with the StreamMessage conversion table (3.11.3). A read that fails with
 * a conversion error (MessageFormatException, NumberFormatException, NullPointerException) leaves the position on the
 * same field, so the application can read it again as another type.
 */
public class RowStreamMessage extends RowMessage implements StreamMessage {
    static final int TYPE = 5;

    private final List<Object> fields = new ArrayList<>();
    private boolean reading;
    private int position;
    // While a byte[] field is being read in pieces by readBytes: how many of its bytes were handed out so far.
    private int bytesRead = -1;

    public RowStreamMessage() {
    }

    @Override
    public void reset() throws JMSException {
        ensureBody();
        startReading();
    }

    private void startReading() {
        reading = true;
        position = 0;
        bytesRead = -1;
    }

    private interface Conversion<T> {
        T apply(Object value) throws JMSException;
    }

    private <T> T read(Conversion<T> conversion) throws JMSException {
        Object field = current();
        if (bytesRead >= 0) {
            throw new MessageFormatException("A byte[] field is partly read: finish it with readBytes first");
        }
        T value = conversion.apply(field);
        position++;
        return value;
    }

    private Object current() throws JMSException {
        ensureBody();
        if (!reading) {
            throw new MessageNotReadableException("The StreamMessage is write-only: call reset() before reading");
        }
        if (position >= fields.size()) {
            throw new MessageEOFException("End of the StreamMessage: all " + fields.size() + " fields were read");
        }
        return fields.get(position);
    }

    @Override
    public boolean readBoolean() throws JMSException {
        return read(TypeConversions::toBoolean);
    }

    @Override
    public byte readByte() throws JMSException {
        return read(TypeConversions::toByte);
    }

    @Override
    public short readShort() throws JMSException {
        return read(TypeConversions::toShort);
    }

    @Override
    public char readChar() throws JMSException {
        return read(TypeConversions::toChar);
    }

    @Override
    public int readInt() throws JMSException {
        return read(TypeConversions::toInt);
    }

    @Override
    public long readLong() throws JMSException {
        return read(TypeConversions::toLong);
    }

    @Override
    public float readFloat() throws JMSException {
        return read(TypeConversions::toFloat);
    }

    @Override
    public double readDouble() throws JMSException {
        return read(TypeConversions::toDouble);
    }

    @Override
    public String readString() throws JMSException {
        return read(TypeConversions::toText);
    }

    @Override
    public Object readObject() throws JMSException {
        return read(TypeConversions::copyOut);
    }

    /**
     * Reads a byte[] field in pieces: returns how many bytes were copied; a return smaller than the buffer ends the
     * field; when the buffer was filled exactly, the next call returns -1 if nothing is left. A null field returns
     * -1, an empty one 0.
     */
    @Override
    public int readBytes(byte[] value) throws JMSException {
        Object field = current();
        if (bytesRead < 0) {
            if (field == null) {
                position++;
                return -1;
            }
            if (!(field instanceof byte[])) {
                throw new MessageFormatException("The field is a " + field.getClass().getSimpleName()
                        + ", not a byte[]");
            }
            bytesRead = 0;
        }
        byte[] bytes = (byte[]) field;
        int left = bytes.length - bytesRead;
        if (left == 0 && bytesRead > 0) {
            endBytesField();
            return -1;
        }
        int n = Math.min(left, value.length);
        System.arraycopy(bytes, bytesRead, value, 0, n);
        bytesRead += n;
        if (n < value.length) {
            endBytesField();
        }
        return n;
    }

    private void endBytesField() {
        bytesRead = -1;
        position++;
    }

    private void add(Object value) throws JMSException {
        ensureBody();
        checkBodyWritable();
        if (reading) {
            throw new MessageNotWriteableException("The StreamMessage is read-only after reset(): call clearBody()"
                    + " to write a new body");
        }
        fields.add(value);
    }

    @Override
    public void writeBoolean(boolean value) throws JMSException {
        add(value);
    }

    @Override
    public void writeByte(byte value) throws JMSException {
        add(value);
    }

    @Override
    public void writeShort(short value) throws JMSException {
        add(value);
    }

    @Override
    public void writeChar(char value) throws JMSException {
        add(value);
    }

    @Override
    public void writeInt(int value) throws JMSException {
        add(value);
    }

    @Override
    public void writeLong(long value) throws JMSException {
        add(value);
    }

    @Override
    public void writeFloat(float value) throws JMSException {
        add(value);
    }

    @Override
    public void writeDouble(double value) throws JMSException {
        add(value);
    }

    @Override
    public void writeString(String value) throws JMSException {
        add(value);
    }

    @Override
    public void writeBytes(byte[] value) throws JMSException {
        add(value == null ? null : value.clone());
    }

    @Override
    public void writeBytes(byte[] value, int offset, int length) throws JMSException {
        byte[] copy = new byte[length];
        System.arraycopy(value, offset, copy, 0, length);
        add(copy);
    }

    @Override
    public void writeObject(Object value) throws JMSException {
        if (value instanceof byte[] bytes) {
            writeBytes(bytes);
        } else if (value instanceof Character || RowMessage.isPropertyType(value)) {
            add(value);
        } else {
            throw new MessageFormatException("StreamMessage.writeObject cannot write a " + value.getClass().getName()
                    + ": only Boolean, Byte, Short, Character, Integer, Long, Float, Double, String and byte[]");
        }
    }

    @Override
    int bodyType() {
        return TYPE;
    }

    @Override
    void writeBody(WireOutput out) {
        out.writeLength(fields.size());
        for (Object field : fields) {
            TypedValues.write(out, field);
        }
    }

    @Override
    void readBody(WireInput in) throws JMSException {
        int count = in.readLength();
        for (int i = 0; i < count; i++) {
            fields.add(TypedValues.read(in, true));
        }
        startReading();
    }

    @Override
    void clearBodyContent() {
        fields.clear();
        reading = false;
        position = 0;
        bytesRead = -1;
    }

    @Override
    void enterReadOnlyBody() {
        startReading();
    }

    /** The spec gives a StreamMessage body no single Java type. */
    @Override
    <T> T bodyAs(Class<T> c) throws JMSException {
        throw new MessageFormatException("A StreamMessage body cannot be returned by getBody");
    }

    @Override
    boolean bodyAssignableTo(Class<?> c) {
        return false;
    }
}
