package org.rowmq.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PropertyConversionTest {

    static List<Object[]> pairs() {
        return ConversionTable.pairs(ConversionTable.PROPERTY_TYPES);
    }

    static void set(RowMessage m, ConversionTable type, Object value) throws JMSException {
        switch (type) {
            case BOOLEAN -> m.setBooleanProperty("p", (Boolean) value);
            case BYTE -> m.setByteProperty("p", (Byte) value);
            case SHORT -> m.setShortProperty("p", (Short) value);
            case INT -> m.setIntProperty("p", (Integer) value);
            case LONG -> m.setLongProperty("p", (Long) value);
            case FLOAT -> m.setFloatProperty("p", (Float) value);
            case DOUBLE -> m.setDoubleProperty("p", (Double) value);
            case STRING -> m.setStringProperty("p", (String) value);
            default -> throw new AssertionError(type);
        }
    }

    static Object get(RowMessage m, ConversionTable type) throws JMSException {
        return switch (type) {
            case BOOLEAN -> m.getBooleanProperty("p");
            case BYTE -> m.getByteProperty("p");
            case SHORT -> m.getShortProperty("p");
            case INT -> m.getIntProperty("p");
            case LONG -> m.getLongProperty("p");
            case FLOAT -> m.getFloatProperty("p");
            case DOUBLE -> m.getDoubleProperty("p");
            case STRING -> m.getStringProperty("p");
            default -> throw new AssertionError(type);
        };
    }

    @ParameterizedTest(name = "{0} read as {1}")
    @MethodSource("pairs")
    void everyCellOfTheTable(ConversionTable written, ConversionTable read) throws JMSException {
        for (boolean received : new boolean[] {false, true}) {
            RowMessage m = new RowPlainMessage();
            Object value = written == ConversionTable.STRING ? ConversionTable.parsableAs(read) : written.sample;
            set(m, written, value);
            if (received) {
                m = MessageCodec.decode(MessageCodec.encode(m));
            }
            RowMessage message = m;
            if (ConversionTable.ALLOWED.get(written).contains(read)) {
                Object expected = written == ConversionTable.STRING ? ConversionTable.parsed(read)
                        : read.expectedFrom(written);
                assertEquals(expected, get(message, read));
            } else {
                assertThrows(MessageFormatException.class, () -> get(message, read));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ConversionTable.class, names = {"BYTE", "SHORT", "INT", "LONG", "FLOAT", "DOUBLE"})
    void aStringThatIsNotANumberGivesNumberFormatException(ConversionTable read) throws JMSException {
        RowMessage m = new RowPlainMessage();
        m.setStringProperty("p", "not a number");
        assertThrows(NumberFormatException.class, () -> get(m, read));
    }

    @ParameterizedTest
    @EnumSource(value = ConversionTable.class, names = {"BYTE", "SHORT", "INT", "LONG"})
    void aMissingIntegralPropertyGivesNumberFormatException(ConversionTable read) {
        RowMessage m = new RowPlainMessage();
        assertThrows(NumberFormatException.class, () -> get(m, read));
    }

    @ParameterizedTest
    @EnumSource(value = ConversionTable.class, names = {"FLOAT", "DOUBLE"})
    void aMissingFloatingPropertyGivesNullPointerExceptionAsValueOfNullDoes(ConversionTable read) {
        RowMessage m = new RowPlainMessage();
        assertThrows(NullPointerException.class, () -> get(m, read));
    }

    @org.junit.jupiter.api.Test
    void missingBooleanIsFalseAndMissingStringOrObjectIsNull() throws JMSException {
        RowMessage m = new RowPlainMessage();
        assertFalse(m.getBooleanProperty("none"));
        assertNull(m.getStringProperty("none"));
        assertNull(m.getObjectProperty("none"));
        assertFalse(m.propertyExists("none"));
    }

    @ParameterizedTest
    @EnumSource(value = ConversionTable.class, names = {"CHAR", "BYTES"})
    void objectPropertyRejectsTypesOtherThanTheEightAllowed(ConversionTable type) {
        RowMessage m = new RowPlainMessage();
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("p", type.sample));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("p", new Object()));
        assertThrows(MessageFormatException.class, () -> m.setObjectProperty("p", new StringBuilder("x")));
    }

    @ParameterizedTest
    @EnumSource(value = ConversionTable.class, names = {"CHAR", "BYTES"}, mode = EnumSource.Mode.EXCLUDE)
    void objectPropertyKeepsTheWrapperType(ConversionTable type) throws JMSException {
        RowMessage m = new RowPlainMessage();
        m.setObjectProperty("p", type.sample);
        assertEquals(type.sample, m.getObjectProperty("p"));
        assertEquals(type.sample.getClass(), m.getObjectProperty("p").getClass());
        RowMessage decoded = MessageCodec.decode(MessageCodec.encode(m));
        assertEquals(type.sample, decoded.getObjectProperty("p"));
        assertEquals(type.sample, get(decoded, type));
    }
}
