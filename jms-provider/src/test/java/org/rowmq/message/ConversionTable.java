package org.rowmq.message;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/** The spec's conversion tables (3.5.4 properties, 3.11.2 MapMessage, 3.11.3 StreamMessage) as test data. */
enum ConversionTable {
    BOOLEAN(true), BYTE((byte) 7), SHORT((short) 300), CHAR('x'), INT(70000), LONG(5_000_000_000L),
    FLOAT(1.5f), DOUBLE(2.25d), STRING("text"), BYTES(new byte[] {1, 2});

    final Object sample;

    ConversionTable(Object sample) {
        this.sample = sample;
    }

    /** Rows: written type; columns: the types it may be read as. String reads as every type but char and byte[]. */
    static final Map<ConversionTable, Set<ConversionTable>> ALLOWED = Map.ofEntries(
            entry(BOOLEAN, EnumSet.of(BOOLEAN, STRING)),
            entry(BYTE, EnumSet.of(BYTE, SHORT, INT, LONG, STRING)),
            entry(SHORT, EnumSet.of(SHORT, INT, LONG, STRING)),
            entry(CHAR, EnumSet.of(CHAR, STRING)),
            entry(INT, EnumSet.of(INT, LONG, STRING)),
            entry(LONG, EnumSet.of(LONG, STRING)),
            entry(FLOAT, EnumSet.of(FLOAT, DOUBLE, STRING)),
            entry(DOUBLE, EnumSet.of(DOUBLE, STRING)),
            entry(STRING, EnumSet.of(BOOLEAN, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING)),
            entry(BYTES, EnumSet.of(BYTES)));

    /** The value a successful read must return for a written sample. */
    Object expectedFrom(ConversionTable written) {
        Object v = written.sample;
        switch (this) {
            case STRING:
                return v.toString();
            case SHORT:
                return ((Number) v).shortValue();
            case INT:
                return ((Number) v).intValue();
            case LONG:
                return ((Number) v).longValue();
            case DOUBLE:
                return ((Number) v).doubleValue();
            default:
                return v;
        }
    }

    /** Every (written, read) pair among the given types. */
    static List<Object[]> pairs(Set<ConversionTable> types) {
        List<Object[]> pairs = new ArrayList<>();
        for (ConversionTable written : types) {
            for (ConversionTable read : types) {
                pairs.add(new Object[] {written, read});
            }
        }
        return pairs;
    }

    static final Set<ConversionTable> PROPERTY_TYPES = EnumSet.complementOf(EnumSet.of(CHAR, BYTES));
    static final Set<ConversionTable> BODY_TYPES = EnumSet.allOf(ConversionTable.class);

    /** A String that parses as the type, for the String row. */
    static String parsableAs(ConversionTable read) {
        switch (read) {
            case BOOLEAN:
                return "true";
            case FLOAT:
            case DOUBLE:
                return "1.5";
            default:
                return "12";
        }
    }

    static Object parsed(ConversionTable read) {
        switch (read) {
            case BOOLEAN:
                return true;
            case BYTE:
                return (byte) 12;
            case SHORT:
                return (short) 12;
            case INT:
                return 12;
            case LONG:
                return 12L;
            case FLOAT:
                return 1.5f;
            case DOUBLE:
                return 1.5d;
            default:
                return parsableAs(read);
        }
    }
}
