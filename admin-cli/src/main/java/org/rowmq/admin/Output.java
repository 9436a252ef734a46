package org.rowmq.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prints rows either as an aligned table for people or as JSON for scripts (an array of objects, or one object).
 * Each row is an ordered map: its keys are the JSON field names and the table's column headers.
 */
final class Output {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private final PrintWriter out;
    private final boolean json;

    Output(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    static Map<String, Object> row() {
        return new LinkedHashMap<>();
    }

    boolean json() {
        return json;
    }

    /** One row per item, as {@code row} shapes it; {@code empty} when there are none. */
    <T> void list(List<T> items, Function<T, Map<String, Object>> row, String empty) throws Exception {
        rows(items.stream().map(row).toList(), empty);
    }

    void rows(List<Map<String, Object>> rows, String empty) throws Exception {
        if (json) {
            out.println(JSON.writeValueAsString(rows));
        } else if (rows.isEmpty()) {
            out.println(empty);
        } else {
            table(rows);
        }
        out.flush();
    }

    /** One result object: JSON, or "key: value" lines. */
    void object(Map<String, Object> result) throws Exception {
        if (json) {
            out.println(JSON.writeValueAsString(result));
        } else {
            result.forEach((k, v) -> out.println(k + ": " + v));
        }
        out.flush();
    }

    /** One sample of a watch as one line of compact JSON (JSON Lines: a script reads a line per sample). */
    void jsonLine(Object value) throws Exception {
        out.println(COMPACT.writeValueAsString(value));
        out.flush();
    }

    /** A line for people only (progress and remarks stay out of the JSON). */
    void note(String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }

    private void table(List<Map<String, Object>> rows) {
        List<String> columns = new ArrayList<>(rows.get(0).keySet());
        int[] width = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) width[i] = columns.get(i).length();
        for (Map<String, Object> r : rows) {
            for (int i = 0; i < columns.size(); i++) width[i] = Math.max(width[i], text(r.get(columns.get(i))).length());
        }
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) header.append(pad(columns.get(i), width[i], i == columns.size() - 1));
        out.println(header.toString().stripTrailing());
        for (Map<String, Object> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns.size(); i++) line.append(pad(text(r.get(columns.get(i))), width[i], i == columns.size() - 1));
            out.println(line.toString().stripTrailing());
        }
    }

    private static String pad(String s, int width, boolean last) {
        return last ? s : s + " ".repeat(width - s.length() + 2);
    }

    private static String text(Object v) {
        return v == null ? "-" : v.toString();
    }

    /** An age: milliseconds in JSON, {@link #age(long)} in a table; null (shown "-") when there is nothing to measure. */
    Object ageValue(long millis) {
        if (millis < 0) return null;
        return json ? (Object) millis : age(millis);
    }

    /** Milliseconds as people read them: 850ms, 12s, 4m03s, 2h05m, 3d04h; "-" for -1 (nothing to measure). */
    static String age(long millis) {
        if (millis < 0) return "-";
        if (millis < 1000) return millis + "ms";
        long s = millis / 1000;
        if (s < 60) return s + "s";
        if (s < 3600) return String.format("%dm%02ds", s / 60, s % 60);
        if (s < 86400) return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
        return String.format("%dd%02dh", s / 86400, (s % 86400) / 3600);
    }
}
