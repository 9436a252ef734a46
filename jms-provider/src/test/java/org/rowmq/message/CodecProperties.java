package org.rowmq.message;

import jakarta.jms.JMSException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every message survives encode/decode exactly; any other bytes give a JMSException and nothing else. */
class CodecProperties {

    @Property(tries = 500)
    void everyMessageRoundTripsExactly(@ForAll("messages") RowMessage m) throws JMSException {
        byte[] encoded = MessageCodec.encode(m);
        RowMessage decoded = MessageCodec.decode(encoded);
        assertEquals(m.getClass(), decoded.getClass());
        // Headers and properties are read before the body.
        assertHeadersAndPropertiesEqual(m, decoded);
        // The still-encoded body is copied as is, and the decoded body encodes to the same bytes.
        assertArrayEquals(encoded, MessageCodec.encode(decoded));
        decoded.ensureBody();
        assertArrayEquals(encoded, MessageCodec.encode(decoded));
        RandomMessages.assertBodiesEqual(m, decoded);
    }

    private static void assertHeadersAndPropertiesEqual(RowMessage a, RowMessage b) throws JMSException {
        assertEquals(a.getJMSMessageID(), b.getJMSMessageID());
        assertEquals(a.getJMSTimestamp(), b.getJMSTimestamp());
        assertEquals(a.getJMSCorrelationID(), b.getJMSCorrelationID());
        assertArrayEquals(a.getJMSCorrelationIDAsBytes(), b.getJMSCorrelationIDAsBytes());
        assertEquals(a.getJMSReplyTo(), b.getJMSReplyTo());
        assertEquals(a.getJMSDestination(), b.getJMSDestination());
        if (a.getJMSReplyTo() != null) {
            assertEquals(((RowDestination) a.getJMSReplyTo()).isTemporary(),
                    ((RowDestination) b.getJMSReplyTo()).isTemporary());
        }
        assertEquals(a.getJMSDeliveryMode(), b.getJMSDeliveryMode());
        assertEquals(a.getJMSRedelivered(), b.getJMSRedelivered());
        assertEquals(a.getJMSType(), b.getJMSType());
        assertEquals(a.getJMSExpiration(), b.getJMSExpiration());
        assertEquals(a.getJMSDeliveryTime(), b.getJMSDeliveryTime());
        assertEquals(a.getJMSPriority(), b.getJMSPriority());
        assertEquals(a.properties(), b.properties());
        assertEquals(java.util.List.copyOf(a.properties().keySet()), java.util.List.copyOf(b.properties().keySet()));
    }

    @Property(tries = 2000)
    void randomBytesGiveOnlyJMSException(@ForAll byte[] bytes) {
        RandomMessages.decodeFully(bytes);
    }

    @Property(tries = 2000)
    void corruptedEncodingsGiveOnlyJMSException(@ForAll("messages") RowMessage m, @ForAll long seed)
            throws JMSException {
        byte[] encoded = MessageCodec.encode(m);
        Random random = new Random(seed);
        byte[] corrupt = encoded.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips; i++) {
            corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
        }
        RandomMessages.decodeFully(corrupt);
        RandomMessages.decodeFully(java.util.Arrays.copyOf(encoded, random.nextInt(encoded.length)));
    }

    @Provide
    Arbitrary<RowMessage> messages() {
        return Arbitraries.randomValue(RandomMessages::message);
    }
}
