package org.rowmq.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * A LIKE pattern compiled once at parse time. {@code %} stands for any sequence of characters (possibly empty),
 * {@code _} for exactly one character (one code point, so a surrogate pair counts as one), the escape character
 * makes the character after it literal. Matching uses no regular expression and allocates nothing: the pattern is
 * cut at its {@code %}s into segments of fixed length; the first segment is anchored at the start, the last at the
 * end, and each segment in between is matched at its leftmost position, which is optimal because every segment
 * has a fixed number of elements.
 */
final class LikePattern {
    /** One run of pattern between %s: its characters, and which of them are the one-character wildcard. */
    private record Segment(char[] chars, boolean[] anyCharacter) {
    }

    private final Segment[] segments;
    private final boolean anchoredAtStart;
    private final boolean anchoredAtEnd;

    private LikePattern(Segment[] segments, boolean anchoredAtStart, boolean anchoredAtEnd) {
        this.segments = segments;
        this.anchoredAtStart = anchoredAtStart;
        this.anchoredAtEnd = anchoredAtEnd;
    }

    /**
     * @param escape the escape code point, or -1 for none
     * @param position where the pattern literal starts in the selector, for the error message
     * @throws SelectorSyntaxException when the pattern ends with the escape character, which leaves nothing for it
     *         to escape
     */
    static LikePattern compile(String pattern, int escape, int position) throws SelectorSyntaxException {
        List<Segment> segments = new ArrayList<>();
        StringBuilder chars = new StringBuilder();
        List<Boolean> any = new ArrayList<>();
        boolean sawPercent = false;
        boolean anchoredAtStart = true;
        int i = 0;
        while (i < pattern.length()) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (c == escape) {
                if (i >= pattern.length()) {
                    throw new SelectorSyntaxException(position, "LIKE pattern '" + pattern + "' ends with its ESCAPE character");
                }
                int escaped = pattern.codePointAt(i);
                i += Character.charCount(escaped);
                appendLiteral(chars, any, escaped);
            } else if (c == '%') {
                if (!sawPercent && chars.length() == 0) {
                    anchoredAtStart = false;
                }
                sawPercent = true;
                if (chars.length() > 0) {
                    segments.add(segment(chars, any));
                }
            } else if (c == '_') {
                chars.append('_');
                any.add(true);
            } else {
                appendLiteral(chars, any, c);
            }
        }
        boolean anchoredAtEnd = chars.length() > 0 || !sawPercent;
        if (chars.length() > 0 || !sawPercent) {
            segments.add(segment(chars, any));
        }
        return new LikePattern(segments.toArray(Segment[]::new), anchoredAtStart, anchoredAtEnd);
    }

    private static void appendLiteral(StringBuilder chars, List<Boolean> any, int codePoint) {
        for (char c : Character.toChars(codePoint)) {
            chars.append(c);
            any.add(false);
        }
    }

    private static Segment segment(StringBuilder chars, List<Boolean> any) {
        boolean[] mask = new boolean[any.size()];
        for (int k = 0; k < mask.length; k++) {
            mask[k] = any.get(k);
        }
        Segment segment = new Segment(chars.toString().toCharArray(), mask);
        chars.setLength(0);
        any.clear();
        return segment;
    }

    boolean matches(String value) {
        int length = value.length();
        int position = 0;
        int first = 0;
        int last = segments.length - 1;
        if (anchoredAtStart) {
            position = matchAt(segments[0], value, 0);
            if (position < 0) {
                return false;
            }
            if (segments.length == 1 && anchoredAtEnd) {
                return position == length;
            }
            first = 1;
        }
        if (anchoredAtEnd) {
            last--;
        }
        for (int s = first; s <= last; s++) {
            position = leftmostEnd(segments[s], value, position);
            if (position < 0) {
                return false;
            }
        }
        if (!anchoredAtEnd) {
            return true;
        }
        Segment tail = segments[segments.length - 1];
        for (int start = position; start <= length; start++) {
            if (matchAt(tail, value, start) == length) {
                return true;
            }
        }
        return false;
    }

    private static int leftmostEnd(Segment segment, String value, int from) {
        for (int start = from; start <= value.length(); start++) {
            int end = matchAt(segment, value, start);
            if (end >= 0) {
                return end;
            }
        }
        return -1;
    }

    /** Where the segment ends when it matches {@code value} from {@code start}, or -1. */
    private static int matchAt(Segment segment, String value, int start) {
        char[] chars = segment.chars();
        boolean[] any = segment.anyCharacter();
        int length = value.length();
        int p = start;
        for (int k = 0; k < chars.length; k++) {
            if (p >= length) {
                return -1;
            }
            if (any[k]) {
                boolean pair = Character.isHighSurrogate(value.charAt(p)) && p + 1 < length
                        && Character.isLowSurrogate(value.charAt(p + 1));
                p += pair ? 2 : 1;
            } else if (value.charAt(p++) != chars[k]) {
                return -1;
            }
        }
        return p;
    }
}
