package org.rowmq.process;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a consumer's record file: {@code R <id> <JMSXDeliveryCount> <JMSRedelivered>} when a message was
 * received (before its commit or acknowledgement), {@code C <id> ...} once the commit or acknowledgement returned.
 *
 * @param process which JVM (child name, or "test" for the test JVM)
 * @param line    position in that process's file, from 0
 */
record Consumption(String process, int line, Kind kind, String id, int deliveryCount, boolean redelivered) {

    enum Kind { R, C }

    /** The text a consumer writes for a message it holds; the message body is its id. */
    static String format(Kind kind, Message m) throws JMSException {
        return kind + " " + ((TextMessage) m).getText() + " " + m.getIntProperty("JMSXDeliveryCount") + " " + m.getJMSRedelivered();
    }

    /**
     * Every complete line of a record file. A last line without its newline is what a SIGKILL cut short: it is left
     * out, as the event it describes had not been recorded.
     */
    static List<Consumption> read(String process, Path file) {
        String text;
        try {
            text = Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Consumption> records = new ArrayList<>();
        int end;
        for (int start = 0; (end = text.indexOf('\n', start)) >= 0; start = end + 1) {
            String[] f = text.substring(start, end).split(" ");
            if (f.length != 4) throw new IllegalStateException(file + " line " + records.size() + " is malformed: " + text.substring(start, end));
            records.add(new Consumption(process, records.size(), Kind.valueOf(f[0]), f[1], Integer.parseInt(f[2]), Boolean.parseBoolean(f[3])));
        }
        return records;
    }

    @Override
    public String toString() {
        return process + "#" + line + " " + kind + " " + id + " (delivery " + deliveryCount + (redelivered ? ", redelivered)" : ")");
    }
}
