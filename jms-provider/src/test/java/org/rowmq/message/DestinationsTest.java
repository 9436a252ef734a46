package org.rowmq.message;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DestinationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"MY_QUEUE", "testQ0", "orders.eu-west:1$", "9lives", "a"})
    void goodNamesPass(String name) throws InvalidDestinationException {
        assertEquals(name, DestinationNames.validate(name, "queue name"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|The queue name is empty",
            "_x|The queue name '_x' starts with '_'",
            ".x|starts with '.'",
            "a b|contains ' ' at index 1",
            "a/b|contains '/' at index 1",
            "ä|starts with 'ä'",
            "q;drop|contains ';' at index 1",
            "rowmq.tmp.x|reserved for RowMQ",
            "rowmq.sub.1|reserved for RowMQ"})
    void badNamesFailSayingWhatAndTheRule(String name, String expected) {
        InvalidDestinationException e = assertThrows(InvalidDestinationException.class,
                () -> DestinationNames.validate(name, "queue name"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        if (!name.startsWith("rowmq")) {
            assertTrue(e.getMessage().contains("1 to 200 characters of A-Z a-z 0-9 . _ : $ -"), e.getMessage());
        }
    }

    @Test
    void twoHundredCharactersIsTheLongestName() throws InvalidDestinationException {
        String longest = "q".repeat(200);
        assertEquals(longest, DestinationNames.validate(longest, "queue name"));
    }

    @Test
    void nullAndTooLongNamesFail() {
        assertTrue(assertThrows(InvalidDestinationException.class, () -> DestinationNames.validate(null, "topic name"))
                .getMessage().startsWith("The topic name is null"));
        String tooLong = "a".repeat(201);
        assertTrue(assertThrows(InvalidDestinationException.class, () -> DestinationNames.validate(tooLong, "x"))
                .getMessage().contains("201 characters long"));
    }

    @Test
    void equalityIsByKindAndName() throws Exception {
        assertEquals(new RowQueue("a"), new RowQueue("a"));
        assertEquals(new RowQueue("a").hashCode(), new RowQueue("a").hashCode());
        assertNotEquals(new RowQueue("a"), new RowTopic("a"));
        assertNotEquals(new RowQueue("a"), new RowQueue("b"));
        assertEquals("queue://a", new RowQueue("a").toString());
        assertEquals("topic://t", new RowTopic("t").toString());
        assertEquals("temp-queue://rowmq.tmp.1", new RowTemporaryQueue("rowmq.tmp.1", null).toString());
    }

    @Test
    void toRowAcceptsForeignQueuesAndTopics() throws JMSException {
        RowQueue own = new RowQueue("q");
        assertSame(own, DestinationNames.toRow(own));
        Queue foreignQueue = () -> "fq";
        Topic foreignTopic = () -> "ft";
        assertEquals(new RowQueue("fq"), DestinationNames.toRow(foreignQueue));
        assertEquals(new RowTopic("ft"), DestinationNames.toRow(foreignTopic));
        assertThrows(InvalidDestinationException.class, () -> DestinationNames.toRow(null));
        Queue badName = () -> "bad name";
        assertThrows(InvalidDestinationException.class, () -> DestinationNames.toRow(badName));
        assertThrows(InvalidDestinationException.class, () -> DestinationNames.toRow(new jakarta.jms.Destination() {
        }));
    }

    @Test
    void temporaryDestinationsDeleteThroughTheirOwnerOnly() throws Exception {
        List<RowDestination> deleted = new ArrayList<>();
        RowTemporaryQueue queue = new RowTemporaryQueue("rowmq.tmp.q1", deleted::add);
        RowTemporaryTopic topic = new RowTemporaryTopic("rowmq.tmp.t1", deleted::add);
        queue.delete();
        topic.delete();
        assertEquals(List.of(queue, topic), deleted);
        assertTrue(queue.isTemporary() && queue.isQueue() && topic.isTemporary() && !topic.isQueue());

        RowTemporaryQueue copy = (RowTemporaryQueue) roundTrip(queue);
        assertEquals(queue, copy);
        JMSException e = assertThrows(JMSException.class, copy::delete);
        assertTrue(e.getMessage().contains("only be deleted through the connection that created it"));
    }

    private static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
