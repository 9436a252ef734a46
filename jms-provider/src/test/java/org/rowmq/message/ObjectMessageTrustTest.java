package org.rowmq.message;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectMessageTrustTest {

    /** An application class the default allowlist does not know. */
    record Order(String id, int quantity) implements Serializable {
    }

    private static RowObjectMessage received(Serializable body) throws JMSException {
        RowObjectMessage m = new RowObjectMessage();
        m.setObject(body);
        RowObjectMessage r = (RowObjectMessage) MessageCodec.decode(MessageCodec.encode(m));
        r.markDelivered(1);
        return r;
    }

    @Test
    void theDefaultAllowlistAdmitsJdkValueTypes() throws JMSException {
        HashMap<String, Object> map = new HashMap<>();
        map.put("n", new BigDecimal("1.50"));
        map.put("t", Instant.ofEpochSecond(5));
        map.put("l", List.of(1, 2));
        map.put("sb", new StringBuffer("buffer"));
        map.put("ints", new int[] {1, 2});
        @SuppressWarnings("unchecked")
        HashMap<String, Object> back = (HashMap<String, Object>) received(map).getObject();
        assertEquals(new BigDecimal("1.50"), back.get("n"));
        assertEquals(Instant.ofEpochSecond(5), back.get("t"));
        assertEquals(List.of(1, 2), back.get("l"));
        assertEquals("buffer", back.get("sb").toString());
        assertArrayEquals(new int[] {1, 2}, (int[]) back.get("ints"));
    }

    @Test
    void anUntrustedClassIsRefusedNamingItAndHowToAllowIt() throws JMSException {
        RowObjectMessage r = received(new Order("o1", 2));
        r.setTrust(ObjectMessageTrust.of(null));
        MessageFormatException e = assertThrows(MessageFormatException.class, r::getObject);
        assertTrue(e.getMessage().contains(Order.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(ObjectMessageTrust.SYSTEM_PROPERTY), e.getMessage());
        assertThrows(MessageFormatException.class, () -> r.getBody(Object.class));
        assertThrows(MessageFormatException.class, () -> r.isBodyAssignableTo(Object.class));
    }

    @Test
    void aConfiguredPatternAdmitsTheClass() throws JMSException {
        RowObjectMessage r = received(new Order("o1", 2));
        r.setTrust(ObjectMessageTrust.of("org.rowmq.message.*"));
        assertEquals(new Order("o1", 2), r.getObject());
        r.setTrust(ObjectMessageTrust.of(Order.class.getName()));
        assertEquals(new Order("o1", 2), r.getBody(Order.class));
    }

    @Test
    void starTrustsEverything() throws JMSException {
        RowObjectMessage r = received(new Order("o2", 3));
        r.setTrust(ObjectMessageTrust.of("*"));
        assertInstanceOf(Order.class, r.getObject());
    }

    @Test
    void theProcessDefaultCanBeSetAndReset() throws JMSException {
        RowObjectMessage r = received(new Order("o3", 4));
        try {
            ObjectMessageTrust.setDefault(ObjectMessageTrust.of("*"));
            assertEquals(new Order("o3", 4), r.getObject());
        } finally {
            ObjectMessageTrust.setDefault(null);
        }
        assertEquals("", ObjectMessageTrust.getDefault().trustedClasses());
        assertThrows(MessageFormatException.class, r::getObject);
    }

    @Test
    void anExplicitRejectWinsOverTheDefaultAllowlist() throws JMSException {
        RowObjectMessage r = received(new StringBuilder("x"));
        r.setTrust(ObjectMessageTrust.of("!java.lang.StringBuilder"));
        assertTrue(assertThrows(MessageFormatException.class, r::getObject).getMessage()
                .contains("java.lang.StringBuilder"));
    }
}
