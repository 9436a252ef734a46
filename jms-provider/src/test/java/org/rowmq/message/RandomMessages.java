package org.rowmq.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageEOFException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Random messages of every type for the codec's properties, and the helpers to compare and decode them. */
final class RandomMessages {
    private RandomMessages() {
    }

    static RowMessage message(Random r) {
        try {
            RowMessage m = body(r);
            if (r.nextBoolean()) {
                m.setJMSMessageID("ID:" + string(r));
            }
            m.setJMSTimestamp(number(r));
            if (r.nextInt(3) == 0) {
                m.setJMSCorrelationIDAsBytes(bytes(r));
            } else if (r.nextBoolean()) {
                m.setJMSCorrelationID(string(r));
            }
            m.setJMSReplyTo(destination(r));
            m.setJMSDestination(destination(r));
            m.setJMSDeliveryMode(r.nextBoolean() ? 1 : 2);
            m.setJMSRedelivered(r.nextBoolean());
            if (r.nextBoolean()) {
                m.setJMSType(string(r));
            }
            m.setJMSExpiration(number(r));
            m.setJMSDeliveryTime(number(r));
            m.setJMSPriority(r.nextInt(10));
            int properties = r.nextInt(6);
            for (int i = 0; i < properties; i++) {
                m.setObjectProperty("p" + r.nextInt(1000) + "_" + i, value(r, false));
            }
            if (r.nextInt(4) == 0) {
                m.markDelivered(1 + r.nextInt(5));
            }
            return m;
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RowMessage body(Random r) throws JMSException {
        switch (r.nextInt(6)) {
            case 0:
                return new RowPlainMessage();
            case 1:
                return new RowTextMessage(r.nextInt(5) == 0 ? null : string(r));
            case 2: {
                RowBytesMessage m = new RowBytesMessage();
                m.writeBytes(bytes(r));
                if (r.nextBoolean()) {
                    m.reset();
                }
                return m;
            }
            case 3: {
                RowMapMessage m = new RowMapMessage();
                int n = r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    m.setObject(string(r) + "k", value(r, true));
                }
                return m;
            }
            case 4: {
                RowObjectMessage m = new RowObjectMessage();
                if (r.nextInt(5) != 0) {
                    m.setObject(new ArrayList<>(List.of(string(r), number(r))));
                }
                return m;
            }
            default: {
                RowStreamMessage m = new RowStreamMessage();
                int n = r.nextInt(6);
                for (int i = 0; i < n; i++) {
                    m.writeObject(value(r, true));
                }
                return m;
            }
        }
    }

    private static RowDestination destination(Random r) {
        String name = "d" + r.nextInt(100);
        switch (r.nextInt(5)) {
            case 0:
                return null;
            case 1:
                return new RowQueue(name, RowDestination.INTERNAL);
            case 2:
                return new RowTopic(name, RowDestination.INTERNAL);
            case 3:
                return new RowTemporaryQueue(DestinationNames.TEMPORARY_PREFIX + name, null);
            default:
                return new RowTemporaryTopic(DestinationNames.TEMPORARY_PREFIX + name, null);
        }
    }

    static Object value(Random r, boolean charAndBytes) {
        switch (r.nextInt(charAndBytes ? 12 : 10)) {
            case 0:
                return null;
            case 1:
                return r.nextBoolean();
            case 2:
                return (byte) r.nextInt();
            case 3:
                return (short) r.nextInt();
            case 4:
                return r.nextInt();
            case 5:
                return number(r);
            case 6:
                return r.nextBoolean() ? Float.intBitsToFloat(r.nextInt()) : (float) r.nextGaussian();
            case 7:
                return r.nextBoolean() ? Double.longBitsToDouble(r.nextLong()) : r.nextGaussian();
            case 8:
            case 9:
                return string(r);
            case 10:
                return (char) r.nextInt(Character.MAX_VALUE + 1);
            default:
                return bytes(r);
        }
    }

    private static long number(Random r) {
        switch (r.nextInt(4)) {
            case 0:
                return 0;
            case 1:
                return r.nextInt(1000) - 500;
            case 2:
                return r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            default:
                return r.nextLong();
        }
    }

    /** ASCII, other BMP characters, surrogate pairs and unpaired surrogates. */
    static String string(Random r) {
        int length = r.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (r.nextInt(4)) {
                case 0 -> s.append((char) ('a' + r.nextInt(26)));
                case 1 -> s.append((char) r.nextInt(Character.MAX_VALUE + 1));
                case 2 -> s.appendCodePoint(0x10000 + r.nextInt(Character.MAX_CODE_POINT - 0x10000 + 1));
                default -> s.append((char) (Character.MIN_SURROGATE + r.nextInt(0x800)));
            }
        }
        return s.toString();
    }

    private static byte[] bytes(Random r) {
        byte[] b = new byte[r.nextInt(40)];
        r.nextBytes(b);
        return b;
    }

    static void assertBodiesEqual(RowMessage a, RowMessage b) throws JMSException {
        if (a instanceof RowTextMessage t) {
            assertEquals(t.getText(), ((RowTextMessage) b).getText());
        } else if (a instanceof RowBytesMessage bytes) {
            byte[] expected = bytes.getBody(byte[].class);
            assertArrayEquals(expected, b.getBody(byte[].class));
        } else if (a instanceof RowMapMessage map) {
            RowMapMessage other = (RowMapMessage) b;
            List<String> names = Collections.list(map.getMapNames());
            assertEquals(names, Collections.list(other.getMapNames()));
            for (String name : names) {
                assertValueEquals(map.getObject(name), other.getObject(name));
            }
        } else if (a instanceof RowObjectMessage object) {
            assertEquals(object.getObject(), ((RowObjectMessage) b).getObject());
        } else if (a instanceof RowStreamMessage stream) {
            stream.reset();
            RowStreamMessage other = (RowStreamMessage) b;
            while (true) {
                Object expected;
                try {
                    expected = stream.readObject();
                } catch (MessageEOFException end) {
                    break;
                }
                assertValueEquals(expected, other.readObject());
            }
        }
    }

    private static void assertValueEquals(Object expected, Object actual) {
        if (expected instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) actual);
        } else {
            assertEquals(expected, actual);
        }
    }

    /** Decodes and touches everything; a JMSException is the only acceptable failure. */
    static void decodeFully(byte[] bytes) {
        try {
            RowMessage m = MessageCodec.decode(bytes);
            m.getPropertyNames();
            m.ensureBody();
            if (m instanceof RowObjectMessage object) {
                object.getObject();
            }
            MessageCodec.encode(m);
        } catch (JMSException expected) {
            // The one failure the codec may report.
        }
    }
}
