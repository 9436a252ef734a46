package org.rowmq.process;

import jakarta.jms.JMSException;
import jakarta.jms.Message;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a group consumer's record file: {@code <JMSXGroupID> <JMSXGroupSeq> <start> <end> <JMSXDeliveryCount>},
 * the processing interval in microseconds on the machine's wall clock (the JVMs of a test share one machine, hence
 * one clock), ending before the acknowledgement was called.
 */
record GroupProcessing(String process, String group, int seq, long start, long end, int deliveryCount) {

    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    static String format(Message m, long start, long end) throws JMSException {
        return m.getStringProperty("JMSXGroupID") + " " + m.getIntProperty("JMSXGroupSeq") + " " + start + " " + end
                + " " + m.getIntProperty("JMSXDeliveryCount");
    }

    /** Every complete line of a record file (a line cut short by a kill is left out). */
    static List<GroupProcessing> read(String process, Path file) {
        String text;
        try {
            text = Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<GroupProcessing> records = new ArrayList<>();
        int end;
        for (int from = 0; (end = text.indexOf('\n', from)) >= 0; from = end + 1) {
            String[] f = text.substring(from, end).split(" ");
            if (f.length != 5) throw new IllegalStateException(file + " has a malformed line: " + text.substring(from, end));
            records.add(new GroupProcessing(process, f[0], Integer.parseInt(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), Integer.parseInt(f[4])));
        }
        return records;
    }
}
