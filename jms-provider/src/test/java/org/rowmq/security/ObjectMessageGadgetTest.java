package org.rowmq.security;

import jakarta.jms.JMSContext;
import jakarta.jms.MessageFormatException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rowmq.client.RowConnectionFactory;
import org.rowmq.message.ObjectMessageTrust;
import org.rowmq.message.RowObjectMessage;
import org.rowmq.testsupport.TestDatabase;

import javax.management.BadAttributeValueExpException;
import java.io.Serializable;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ObjectMessage bodies arrive from whoever may send to a destination, so they are deserialized only when every class
 * in them is on the allow-list: the entry points of well-known gadget chains that exist in the JDK are refused with a
 * MessageFormatException naming the class, before their readObject runs; JDK values and collections pass.
 */
class ObjectMessageGadgetTest {
    static final long WAIT = 10_000;

    static Stream<TestDatabase> databases() {
        return Stream.of(TestDatabase.h2(ObjectMessageGadgetTest.class), TestDatabase.postgresql());
    }

    /** An application class the default allow-list does not know. */
    record Invoice(String id) implements Serializable {
    }

    private static ObjectMessage roundTrip(JMSContext ctx, Serializable body) {
        Queue q = ctx.createQueue(TestDatabase.unique("objects"));
        ctx.createProducer().send(q, body);
        ObjectMessage m = (ObjectMessage) ctx.createConsumer(q).receive(WAIT);
        ((RowObjectMessage) m).setTrust(ObjectMessageTrust.of(null)); // the default, whatever this JVM was given
        return m;
    }

    @ParameterizedTest
    @MethodSource("databases")
    void gadgetChainEntryPointsAndUnknownClassesAreRefusedNamingTheClass(TestDatabase db) throws Exception {
        try (RowConnectionFactory cf = new RowConnectionFactory(db.config()); JMSContext ctx = cf.createContext()) {
            // CommonsCollections5's entry point; its readObject calls toString on what it carries.
            ObjectMessage gadget = roundTrip(ctx, new BadAttributeValueExpException("payload"));
            MessageFormatException e = assertThrows(MessageFormatException.class, gadget::getObject);
            assertTrue(e.getMessage().contains("javax.management.BadAttributeValueExpException is not trusted"), e.getMessage());

            // The same hidden inside an allowed collection is still found.
            ArrayList<Object> wrapped = new ArrayList<>(List.of("harmless", new BadAttributeValueExpException("x")));
            assertThrows(MessageFormatException.class, roundTrip(ctx, wrapped)::getObject);

            // URLDNS: a HashMap keyed by java.net.URL makes a DNS lookup when deserialized; URL is not admitted.
            HashMap<Object, String> urldns = new HashMap<>();
            urldns.put(new URL("http://rowmq-gadget.invalid/"), "x");
            MessageFormatException dns = assertThrows(MessageFormatException.class, roundTrip(ctx, urldns)::getObject);
            assertTrue(dns.getMessage().contains("java.net.URL"), dns.getMessage());

            MessageFormatException unknown = assertThrows(MessageFormatException.class,
                    roundTrip(ctx, new Invoice("i-1"))::getObject);
            assertTrue(unknown.getMessage().contains(Invoice.class.getName())
                    && unknown.getMessage().contains(ObjectMessageTrust.SYSTEM_PROPERTY), unknown.getMessage());

            TreeMap<String, Object> values = new TreeMap<>(java.util.Map.of("amount", new java.math.BigDecimal("9.99"),
                    "when", java.time.LocalDate.of(2026, 12, 2), "buffer", new StringBuffer("sb")));
            assertEquals(values.toString(), roundTrip(ctx, values).getObject().toString());

            ObjectMessage invoice = roundTrip(ctx, new Invoice("i-2"));
            ((RowObjectMessage) invoice).setTrust(ObjectMessageTrust.of(Invoice.class.getName()));
            assertEquals(new Invoice("i-2"), invoice.getObject(), "an application class admitted by name");
        }
    }
}
