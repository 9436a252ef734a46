package org.rowmq.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The MapMessage (3.11.2) and StreamMessage (3.11.3) tables, which are the same, cell by cell. */
class MapAndStreamConversionTest {

    static List<Object[]> pairs() {
        return ConversionTable.pairs(ConversionTable.BODY_TYPES);
    }

    static void put(RowMapMessage m, ConversionTable type, Object v) throws JMSException {
        switch (type) {
            case BOOLEAN -> m.setBoolean("k", (Boolean) v);
            case BYTE -> m.setByte("k", (Byte) v);
            case SHORT -> m.setShort("k", (Short) v);
            case CHAR -> m.setChar("k", (Character) v);
            case INT -> m.setInt("k", (Integer) v);
            case LONG -> m.setLong("k", (Long) v);
            case FLOAT -> m.setFloat("k", (Float) v);
            case DOUBLE -> m.setDouble("k", (Double) v);
            case STRING -> m.setString("k", (String) v);
            case BYTES -> m.setBytes("k", (byte[]) v);
        }
    }

    static Object get(RowMapMessage m, ConversionTable type) throws JMSException {
        return switch (type) {
            case BOOLEAN -> m.getBoolean("k");
            case BYTE -> m.getByte("k");
            case SHORT -> m.getShort("k");
            case CHAR -> m.getChar("k");
            case INT -> m.getInt("k");
            case LONG -> m.getLong("k");
            case FLOAT -> m.getFloat("k");
            case DOUBLE -> m.getDouble("k");
            case STRING -> m.getString("k");
            case BYTES -> m.getBytes("k");
        };
    }

    static void write(RowStreamMessage m, ConversionTable type, Object v) throws JMSException {
        switch (type) {
            case BOOLEAN -> m.writeBoolean((Boolean) v);
            case BYTE -> m.writeByte((Byte) v);
            case SHORT -> m.writeShort((Short) v);
            case CHAR -> m.writeChar((Character) v);
            case INT -> m.writeInt((Integer) v);
            case LONG -> m.writeLong((Long) v);
            case FLOAT -> m.writeFloat((Float) v);
            case DOUBLE -> m.writeDouble((Double) v);
            case STRING -> m.writeString((String) v);
            case BYTES -> m.writeBytes((byte[]) v);
        }
    }

    static Object read(RowStreamMessage m, ConversionTable type) throws JMSException {
        return switch (type) {
            case BOOLEAN -> m.readBoolean();
            case BYTE -> m.readByte();
            case SHORT -> m.readShort();
            case CHAR -> m.readChar();
            case INT -> m.readInt();
            case LONG -> m.readLong();
            case FLOAT -> m.readFloat();
            case DOUBLE -> m.readDouble();
            case STRING -> m.readString();
            case BYTES -> {
                byte[] buffer = new byte[16];
                int n = m.readBytes(buffer);
                yield java.util.Arrays.copyOf(buffer, n);
            }
        };
    }

    private static Object valueFor(ConversionTable written, ConversionTable read) {
        return written == ConversionTable.STRING ? ConversionTable.parsableAs(read) : written.sample;
    }

    private static Object expected(ConversionTable written, ConversionTable read) {
        return written == ConversionTable.STRING ? ConversionTable.parsed(read) : read.expectedFrom(written);
    }

    private static void assertSame(Object expected, Object actual) {
        if (expected instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) actual);
        } else {
            assertEquals(expected, actual);
        }
    }

    @ParameterizedTest(name = "map {0} read as {1}")
    @MethodSource("pairs")
    void mapMessageCell(ConversionTable written, ConversionTable read) throws JMSException {
        RowMapMessage sent = new RowMapMessage();
        put(sent, written, valueFor(written, read));
        for (RowMapMessage m : List.of(sent, (RowMapMessage) MessageCodec.decode(MessageCodec.encode(sent)))) {
            if (ConversionTable.ALLOWED.get(written).contains(read)) {
                assertSame(expected(written, read), get(m, read));
            } else {
                assertThrows(MessageFormatException.class, () -> get(m, read));
            }
        }
    }

    @ParameterizedTest(name = "stream {0} read as {1}")
    @MethodSource("pairs")
    void streamMessageCell(ConversionTable written, ConversionTable read) throws JMSException {
        RowStreamMessage sent = new RowStreamMessage();
        write(sent, written, valueFor(written, read));
        RowStreamMessage received = (RowStreamMessage) MessageCodec.decode(MessageCodec.encode(sent));
        sent.reset();
        for (RowStreamMessage m : List.of(sent, received)) {
            if (ConversionTable.ALLOWED.get(written).contains(read)) {
                assertSame(expected(written, read), read(m, read));
            } else {
                assertThrows(MessageFormatException.class, () -> read(m, read));
                // A failed conversion leaves the position on the field: it still reads as its own type.
                assertSame(expected(written, written == ConversionTable.STRING ? read : written),
                        written == ConversionTable.STRING ? m.readString() : read(m, written));
            }
        }
    }
}
