package org.rowmq.message;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageNotWriteableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagePropertiesTest {

    @Test
    void nullOrEmptyNamesAreRejected() {
        RowMessage m = new RowPlainMessage();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.setIntProperty(null, 1))
                .getMessage().contains("null"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.setStringProperty("", "v"))
                .getMessage().contains("empty"));
        assertThrows(IllegalArgumentException.class, () -> m.setObjectProperty("", 1));
        assertThrows(IllegalArgumentException.class, () -> m.setObjectProperty(null, new Object()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1abc", "a-b", "a b", "a.b", "-x", "\u00e9t\u00e9?"})
    void namesThatAreNotJavaIdentifiersAreRejected(String name) {
        RowMessage m = new RowPlainMessage();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.setIntProperty(name, 1));
        assertTrue(e.getMessage().contains("Java identifier"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NULL", "true", "False", "not", "AND", "or", "BETWEEN", "like", "IN", "is", "Escape"})
    void selectorReservedWordsAreRejected(String name) {
        RowMessage m = new RowPlainMessage();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.setIntProperty(name, 1));
        assertTrue(e.getMessage().contains("reserved word"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JMSXfoo", "JMSXGroupId", "JMSX", "JMSXDeliveryCounter"})
    void namesInTheJmsxRangeThatTheSpecificationDoesNotDefineAreRejected(String name) {
        RowMessage m = new RowPlainMessage();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.setStringProperty(name, "v"));
        assertTrue(e.getMessage().contains("JMSX"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.setIntProperty(name, 1));
        assertThrows(IllegalArgumentException.class, () -> m.setObjectProperty(name, 1L));
        assertFalse(Collections.list(m.getPropertyNames()).contains(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"JMSXUserID", "JMSXAppID", "JMSXGroupID", "JMSXProducerTXID", "JMSXConsumerTXID",
            "JMSXState"})
    void theDefinedJmsxPropertiesCanBeSet(String name) throws JMSException {
        RowMessage m = new RowPlainMessage();
        m.setStringProperty(name, "v");
        assertEquals("v", m.getStringProperty(name));
        m.setIntProperty("JMSXGroupSeq", 3);
        assertEquals(3, m.getIntProperty("JMSXGroupSeq"));
        m.setLongProperty("JMSXRcvTimestamp", 5L);
        m.setObjectProperty("JMSXDeliveryCount", 2);
    }

    @Test
    void namesLongerThanTheLimitAreRejected() throws JMSException {
        RowMessage m = new RowPlainMessage();
        String longest = "a".repeat(PropertyNames.MAX_LENGTH);
        m.setIntProperty(longest, 1);
        assertEquals(1, m.getIntProperty(longest));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.setIntProperty(longest + "a", 1));
        assertTrue(e.getMessage().contains("at most 249"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "_x", "$y", "JMSXGroupID", "JMS_Vendor", "\u00e9t\u00e9", "nullable", "Inside", "x1"})
    void validIdentifiersAreAccepted(String name) throws JMSException {
        RowMessage m = new RowPlainMessage();
        m.setStringProperty(name, "v");
        assertEquals("v", m.getStringProperty(name));
    }

    @Test
    void receivedPropertiesAreReadOnlyUntilClearProperties() throws JMSException {
        RowMessage sent = new RowTextMessage("hi");
        sent.setIntProperty("a", 1);
        RowMessage received = MessageCodec.decode(MessageCodec.encode(sent));
        received.markDelivered(1);
        assertThrows(MessageNotWriteableException.class, () -> received.setIntProperty("a", 2));
        assertThrows(MessageNotWriteableException.class, () -> received.setObjectProperty("b", "x"));
        assertThrows(MessageNotWriteableException.class, () -> received.setBooleanProperty("c", true));
        assertEquals(1, received.getIntProperty("a"));
        received.clearProperties();
        assertFalse(received.propertyExists("a"));
        assertFalse(received.getPropertyNames().hasMoreElements());
        received.setIntProperty("a", 2);
        assertEquals(2, received.getIntProperty("a"));
    }

    @Test
    void providerPropertiesBypassReadOnly() throws JMSException {
        RowMessage received = MessageCodec.decode(MessageCodec.encode(new RowPlainMessage()));
        received.setProviderProperty("JMS_RowMQ_OriginalDestination", "orders");
        assertEquals("orders", received.getStringProperty("JMS_RowMQ_OriginalDestination"));
    }

    @Test
    void markDeliveredSetsDeliveryCountAndRedelivered() throws JMSException {
        RowMessage sent = new RowPlainMessage();
        sent.setStringProperty("app", "x");
        RowMessage first = MessageCodec.decode(MessageCodec.encode(sent));
        first.markDelivered(1);
        assertEquals(1, first.getIntProperty("JMSXDeliveryCount"));
        assertFalse(first.getJMSRedelivered());
        List<String> names = Collections.list(first.getPropertyNames());
        assertEquals(List.of("app", "JMSXDeliveryCount"), names);

        RowMessage again = MessageCodec.decode(MessageCodec.encode(sent));
        again.markDelivered(3);
        assertEquals(3, again.getIntProperty("JMSXDeliveryCount"));
        assertTrue(again.getJMSRedelivered());
    }

    @Test
    void acknowledgeCallsTheAcknowledgerAndDoesNothingWithoutOne() throws JMSException {
        RowMessage m = new RowPlainMessage();
        m.acknowledge();
        AtomicInteger calls = new AtomicInteger();
        m.setAcknowledger(calls::incrementAndGet);
        m.acknowledge();
        assertEquals(1, calls.get());
    }

    @Test
    void headersHaveTheirDefaultsAndKeepWhatIsSet() throws JMSException {
        RowMessage m = new RowPlainMessage();
        assertEquals(DeliveryMode.PERSISTENT, m.getJMSDeliveryMode());
        assertEquals(4, m.getJMSPriority());
        assertNull(m.getJMSMessageID());
        assertNull(m.getJMSCorrelationIDAsBytes());
        m.setJMSCorrelationIDAsBytes(new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, m.getJMSCorrelationIDAsBytes());
        m.setJMSCorrelationID("corr");
        assertEquals("corr", m.getJMSCorrelationID());
        assertArrayEquals("corr".getBytes(java.nio.charset.StandardCharsets.UTF_8), m.getJMSCorrelationIDAsBytes());
        m.setJMSDeliveryTime(77);
        m.setJMSExpiration(88);
        m.setJMSRedelivered(true);
        assertEquals(77, m.getJMSDeliveryTime());
        assertEquals(88, m.getJMSExpiration());
        assertTrue(m.getJMSRedelivered());
    }

    @Test
    void selectorContextReadsHeadersAndProperties() throws JMSException {
        RowMessage m = new RowPlainMessage();
        m.setJMSMessageID("ID:1");
        m.setJMSTimestamp(123L);
        m.setJMSCorrelationID("c");
        m.setJMSType("t");
        m.setJMSPriority(7);
        m.setIntProperty("n", 5);
        assertEquals("PERSISTENT", m.value("JMSDeliveryMode"));
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        assertEquals("NON_PERSISTENT", m.value("JMSDeliveryMode"));
        assertEquals(7, m.value("JMSPriority"));
        assertEquals("ID:1", m.value("JMSMessageID"));
        assertEquals(123L, m.value("JMSTimestamp"));
        assertEquals("c", m.value("JMSCorrelationID"));
        assertEquals("t", m.value("JMSType"));
        assertEquals(5, m.value("n"));
        assertNull(m.value("absent"));
    }
}
