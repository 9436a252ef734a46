package org.rowmq.store;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** Small builders for store tests. */
final class Messages {

    private Messages() {
    }

    static OutgoingMessage message(String destination, String body) {
        return message(destination, 4, body);
    }

    static OutgoingMessage message(String destination, int priority, String body) {
        return new OutgoingMessage(destination, priority, true, 0, 0, body.getBytes(StandardCharsets.UTF_8));
    }

    static OutgoingMessage delayed(String destination, String body, long deliveryDelay, long timeToLive) {
        return new OutgoingMessage(destination, 4, true, timeToLive, deliveryDelay, body.getBytes(StandardCharsets.UTF_8));
    }

    static String body(StoredMessage m) {
        return new String(m.payload(), StandardCharsets.UTF_8);
    }

    static List<String> bodies(List<StoredMessage> messages) {
        return messages.stream().map(Messages::body).collect(Collectors.toList());
    }

    static List<Long> ids(List<StoredMessage> messages) {
        return messages.stream().map(StoredMessage::id).collect(Collectors.toList());
    }
}
