package org.rowmq.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikePatternTest {

    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"|\"\"|true", "\"\"|a|false", "a|a|true", "a|b|false", "a|aa|false", "_|a|true", "_|\"\"|false",
        "_|ab|false", "__|ab|true", "%|\"\"|true", "%|anything|true", "%%|x|true", "a%|a|true", "a%|abc|true",
        "a%|ba|false", "%a|ba|true", "%a|ab|false", "%a%|bab|true", "%a%|bbb|false", "a%b|ab|true", "a%b|axxb|true",
        "a%b|axxbx|false", "a%b%c|abc|true", "a%b%c|acbc|true", "a%b%c|acb|false", "%ab%ab%|abab|true",
        "%ab%ab%|aabab|true", "%ab%ab%|abaab|true", "%ab%ab%|abba|false", "a_c%|abcde|true", "%_%|x|true", "%_%|\"\"|false",
        "%aab|aaab|true", "%b_|abab|false", "%b_|abba|true", "x%x|x|false", "x%x|xx|true",
        "\uD83D\uDE00|\uD83D\uDE00|true", "_|\uD83D\uDE00|true", "__|\uD83D\uDE00|false",
        "a_b|a\uD83D\uDE00b|true", "%_|\uD83D\uDE00|true"})
    void matching(String pattern, String value, boolean expected) throws SelectorSyntaxException {
        assertEquals(expected, LikePattern.compile(pattern, -1, 0).matches(value));
    }

    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' ESCAPE ''!'' = {2}")
    @CsvSource(delimiter = '|', value = {
        "!%|%|true", "!%|a|false", "!_|_|true", "!_|a|false", "!!|!|true", "a!%%|a%bc|true", "a!%%|abc|false",
        "!a|a|true", "%!%|50%|true", "%!%|50|false"})
    void escaping(String pattern, String value, boolean expected) throws SelectorSyntaxException {
        assertEquals(expected, LikePattern.compile(pattern, '!', 0).matches(value));
    }

    @ParameterizedTest(name = "''{1}'' LIKE ''{0}'' ESCAPE ''%'' = {2}")
    @CsvSource(delimiter = '|', value = {"%%|%|true", "%%|x|false", "a%_|a_|true", "a%_|ab|false"})
    void wildcardAsEscape(String pattern, String value, boolean expected) throws SelectorSyntaxException {
        assertEquals(expected, LikePattern.compile(pattern, '%', 0).matches(value));
    }

    @org.junit.jupiter.api.Test
    void patternEndingWithTheEscapeIsInvalid() {
        assertThrows(SelectorSyntaxException.class, () -> LikePattern.compile("ab!", '!', 0));
    }
}
