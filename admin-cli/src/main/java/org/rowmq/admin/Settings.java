package org.rowmq.admin;

import org.rowmq.store.DestinationSettings;

import java.util.Map;

/** A destination's settings as one output object. */
final class Settings {

    private Settings() {
    }

    static Map<String, Object> of(String destination, DestinationSettings s) {
        Map<String, Object> r = Output.row();
        r.put("destination", destination);
        r.put("maxMessages", s.maxMessages());
        r.put("whenFull", s.whenFull().name());
        r.put("blockTimeoutMs", s.blockTimeout().toMillis());
        r.put("maxDeliveries", s.maxDeliveries());
        r.put("deadLetterQueue", s.deadLetterQueue());
        r.put("redeliveryDelayMs", s.redeliveryDelay().toMillis());
        return r;
    }
}
