package org.rowmq.security;

import java.util.Arrays;

/**
 * A destination pattern in the style of Artemis's security settings: words separated by {@code .}, where {@code *}
 * stands for exactly one word and {@code #} for any number of words (none included). {@code orders.#} matches
 * {@code orders}, {@code orders.eu} and {@code orders.eu.paid}; {@code orders.*} only {@code orders.eu}.
 */
public final class AddressMatch implements Comparable<AddressMatch> {
    private final String pattern;
    private final String[] words;

    public AddressMatch(String pattern) {
        if (pattern == null || pattern.isBlank()) throw new IllegalArgumentException("a match must not be empty");
        this.pattern = pattern.trim();
        this.words = this.pattern.split("\\.", -1);
        for (String w : words) {
            if (w.isEmpty()) throw new IllegalArgumentException("the match '" + pattern + "' has an empty word");
            if (w.length() > 1 && (w.contains("#") || w.contains("*")))
                throw new IllegalArgumentException("the match '" + pattern + "' has a wildcard inside a word ('" + w
                        + "'); * and # stand for whole words");
        }
    }

    public boolean matches(String destination) {
        return matches(0, destination.split("\\.", -1), 0);
    }

    private boolean matches(int p, String[] name, int n) {
        if (p == words.length) return n == name.length;
        String w = words[p];
        if (w.equals("#")) {
            for (int skip = n; skip <= name.length; skip++) {
                if (matches(p + 1, name, skip)) return true;
            }
            return false;
        }
        if (n == name.length) return false;
        return (w.equals("*") || w.equals(name[n])) && matches(p + 1, name, n + 1);
    }

    /**
     * More specific first: compared word by word, a literal word before {@code *} before {@code #}; of two patterns
     * equal as far as the shorter goes, the longer one, unless all it adds is {@code #} ({@code orders} before
     * {@code orders.#}).
     */
    @Override
    public int compareTo(AddressMatch other) {
        for (int i = 0; i < Math.min(words.length, other.words.length); i++) {
            int c = Integer.compare(rank(words[i]), rank(other.words[i]));
            if (c != 0) return c;
        }
        if (words.length == other.words.length) return 0;
        boolean longer = words.length > other.words.length;
        String[] extra = Arrays.copyOfRange(longer ? words : other.words, Math.min(words.length, other.words.length),
                Math.max(words.length, other.words.length));
        boolean onlyHashes = Arrays.stream(extra).allMatch("#"::equals);
        return longer != onlyHashes ? -1 : 1;
    }

    private static int rank(String word) {
        return word.equals("#") ? 2 : word.equals("*") ? 1 : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressMatch m && Arrays.equals(words, m.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
